package org.aiappstore.app.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.aiappstore.app.apps.proxy.AppOrigin;
import org.aiappstore.app.apps.proxy.AppOrigins;
import org.aiappstore.app.apps.proxy.AppProxyServlet;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * The browser-side defences of everything this application serves, the web app, the API and media
 * files alike: a content security policy that lets pages load scripts, frames and connections from
 * this origin only (demo apps' own origins may be framed, the external sign-in's token endpoint may
 * be called), {@code nosniff} so that no answer is read as another type than it declares, no
 * framing by other sites, and no full address in the referrer sent to other sites (card addresses
 * name private cards).
 *
 * <p>Styles may be inline: Quasar, Plotly and the JSON editor set them at run time. Images and
 * videos may come from {@code data:} and {@code blob:} URLs, which the editor and Plotly's image
 * export create. Demo apps behind {@code /apps/} keep the headers the proxy gives them (their own
 * sandbox policy), so this filter leaves them alone. Declared in web.xml, so that it runs before
 * every annotated filter.
 */
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient AppOrigins origins;
  @Inject transient AppSettings settings;

  private transient volatile String policy;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!isAppProxy(request)) {
      response.setHeader("Content-Security-Policy", policy());
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "SAMEORIGIN");
      response.setHeader("Referrer-Policy", "same-origin");
    }
    chain.doFilter(request, response);
  }

  private String policy() {
    String known = policy;
    if (known == null) {
      known = policy(origins.origin(), settings.value(ConfigKey.OIDC_TOKEN_ENDPOINT));
      policy = known;
    }
    return known;
  }

  /**
   * The policy, with the demo apps' origins among the frame sources when they have their own, and
   * the external sign-in's token endpoint among the connection sources when there is one (the web
   * app redeems its authorization code there).
   */
  static String policy(Optional<AppOrigin> appOrigin, String tokenEndpoint) {
    String frames = "'self'" + appOrigin.map(o -> " " + o.of("*")).orElse("");
    String connections = "'self'" + originOf(tokenEndpoint).map(o -> " " + o).orElse("");
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
        + " img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:;"
        + " connect-src "
        + connections
        + "; worker-src 'self' blob:; frame-src "
        + frames
        + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
  }

  private static Optional<String> originOf(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri = URI.create(url.trim());
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      throw new IllegalStateException(
          ConfigKey.OIDC_TOKEN_ENDPOINT.key() + " must be an absolute URL, not '" + url + "'");
    }
    return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  private static boolean isAppProxy(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith(AppProxyServlet.PATH);
  }
}
