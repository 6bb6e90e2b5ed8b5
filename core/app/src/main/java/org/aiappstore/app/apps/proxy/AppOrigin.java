package org.aiappstore.app.apps.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where apps get an origin of their own: a template such as {@code https://{id}.apps.example.com}
 * gives the app {@code abc} the origin {@code https://abc.apps.example.com}, and a request whose
 * {@code Host} is {@code abc.apps.example.com} is one for that app's host. {@code {id}} must be the
 * whole first label of the host name: app ids are DNS labels ({@code [a-z0-9]{1,63}}).
 */
public record AppOrigin(String scheme, String suffix, int port) {

  private static final Pattern TEMPLATE =
      Pattern.compile(
          "(https?)://\\{id}((?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?::(\\d{1,5}))?/?");

  /**
   * The template's parts; empty for an empty template (apps stay on the platform's origin).
   *
   * @throws IllegalArgumentException when the template is not of the form above
   */
  public static Optional<AppOrigin> parse(String template) {
    String trimmed = template == null ? "" : template.trim().toLowerCase(Locale.ROOT);
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = TEMPLATE.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "aiappstore.apps.origin must look like https://{id}.apps.example.com[:port], not '"
              + template
              + "'");
    }
    int port = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    if (port == 0 || port > 65535) {
      throw new IllegalArgumentException("aiappstore.apps.origin has no valid port: " + template);
    }
    boolean defaultPort = port == ("https".equals(m.group(1)) ? 443 : 80);
    // Browsers leave a scheme's default port out of an Origin header; so does the origin here.
    return Optional.of(new AppOrigin(m.group(1), m.group(2), defaultPort ? -1 : port));
  }

  /** The app's origin, e.g. {@code https://abc.apps.example.com}. */
  public String of(String appId) {
    return scheme + "://" + appId + suffix + (port > 0 ? ":" + port : "");
  }

  /** Where the app's pages are on its origin: the same path as on the platform's. */
  public String proxyUrl(String appId) {
    return of(appId) + AppProxyServlet.prefix(appId);
  }

  /**
   * The app whose host a request's {@code Host} header names ({@code abc.apps.example.com:443});
   * empty for any other host, the platform's own included. The port is not compared: behind an
   * ingress it differs from the one users see.
   */
  public Optional<String> appIdOfHost(String hostHeader) {
    if (hostHeader == null) {
      return Optional.empty();
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!host.endsWith(suffix)) {
      return Optional.empty();
    }
    String label = host.substring(0, host.length() - suffix.length());
    return AppProxyServlet.APP_ID.matcher(label).matches() ? Optional.of(label) : Optional.empty();
  }
}
