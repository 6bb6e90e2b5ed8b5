package org.aiappstore.app.apps.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aiappstore.app.identity.security.CallerAuthenticator;
import org.aiappstore.app.identity.security.ProblemWriter;
import org.aiappstore.app.identity.token.InvalidTokenException;

/**
 * An app's own host ({@link AppOrigin}) serves that app and nothing else: its pages under {@code
 * /apps/{id}/} go on to {@link AppProxyServlet}, {@code /.aiappstore/enter} turns an entry ticket
 * into the app's ticket cookie, and every other path, the web app and the API included, is 404 —
 * the app's scripts run with this origin's rights and must find nothing of the platform here.
 * Requests to any other host pass untouched.
 *
 * <p>Declared in web.xml, ahead of every annotated filter, so that no other filter (the web app's
 * page fallback) answers an app host's request first.
 */
public class AppHostFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** Where a browser enters an app's host with an entry ticket. */
  public static final String ENTER_PATH = "/.aiappstore/enter";

  /** The request attribute naming the app whose own host the request came to. */
  static final String APP_HOST = AppHostFilter.class.getName() + ".app";

  @Inject transient AppOrigins origins;
  @Inject transient AppTickets tickets;
  @Inject transient CallerAuthenticator authenticator;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<String> appId = origins.appHost(request);
    if (appId.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String id = appId.get();
    // What the container decoded, normalized and mapped the request to, not the raw URI: only a
    // request that reaches the proxy servlet, at this app's path, passes, however it was encoded.
    String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    boolean toTheProxy = (AppProxyServlet.PATH + "*").equals(mapping(request));
    if (path.equals(ENTER_PATH)) {
      enter(request, response, id);
    } else if (toTheProxy
        && (path.equals(AppProxyServlet.PATH + id)
            || path.startsWith(AppProxyServlet.prefix(id)))) {
      request.setAttribute(APP_HOST, id);
      chain.doFilter(request, response);
    } else {
      ProblemWriter.write(
          response,
          404,
          "NOT_FOUND",
          "This host serves one app, under " + AppProxyServlet.prefix(id),
          Map.of());
    }
  }

  private static String mapping(HttpServletRequest request) {
    return request.getHttpServletMapping() == null
        ? null
        : request.getHttpServletMapping().getPattern();
  }

  /**
   * {@code GET /.aiappstore/enter?ticket=…}: a valid entry ticket for this host's app, of a user
   * still signed in (and on a credential that still stands), becomes the app's ticket cookie on
   * this host, on the same credential, and the browser goes on to the app ({@code &renew=1}: 204,
   * for the web app's hidden frame renewing the cookie). The ticket came in the URL, so the answer
   * sends no referrer and is not cached.
   */
  private void enter(HttpServletRequest request, HttpServletResponse response, String appId)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (!"GET".equals(request.getMethod())) {
      ProblemWriter.write(
          response, 405, "METHOD_NOT_ALLOWED", "Enter an app with GET.", Map.of("Allow", "GET"));
      return;
    }
    Optional<AppTickets.Holder> holder = tickets.verifyEntry(request.getParameter("ticket"), appId);
    if (holder.isPresent()) {
      try {
        authenticator.holderOf(
            holder.get().userId(), holder.get().issuedAt(), holder.get().credential());
      } catch (InvalidTokenException e) {
        holder = Optional.empty();
      }
    }
    if (holder.isEmpty()) {
      ProblemWriter.write(
          response,
          403,
          "ENTRY_EXPIRED",
          "This link to the app has expired or is not valid; open the app again from its card.",
          Map.of());
      return;
    }
    AppTickets.Ticket ticket = tickets.reissue(appId, holder.get());
    response.addHeader("Set-Cookie", AppTickets.cookie(appId, ticket, Instant.now(), true));
    if ("1".equals(request.getParameter("renew"))) {
      // A hidden frame renewing the cookie while the app is shown: nothing to load.
      response.setStatus(204);
      return;
    }
    response.setStatus(303);
    response.setHeader("Location", AppProxyServlet.prefix(appId));
  }
}
