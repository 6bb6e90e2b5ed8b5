package org.aiappstore.app.apps.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.aiappstore.app.identity.session.AuthCookies;

/**
 * Which headers cross the proxy, in each direction.
 *
 * <p>Up to the app: everything but the hop-by-hop headers (RFC 9110 §7.6.1: those listed here,
 * those the {@code Connection} header names, and the ones {@link java.net.http.HttpClient} sets
 * itself) and the platform's credentials: the {@code Authorization} header and the platform's
 * cookies. The app gets the cookies it set itself and nothing that would let it act as the user on
 * the platform.
 *
 * <p>Down to the browser: everything but hop-by-hop headers (named by the app's {@code Connection}
 * header too), CORS headers (the proxy decides CORS) and headers that act on the whole origin (such
 * as {@code Clear-Site-Data}), and the app's cookies are confined to its own path: a {@code
 * Set-Cookie} that would overwrite a platform cookie is dropped, {@code Domain} is removed and
 * {@code Path} forced under {@code /apps/{id}/}, so one app can neither clobber the platform's
 * cookies nor another app's.
 */
final class ProxyHeaders {

  /** Hop-by-hop, or set by the HTTP client: never copied upward. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-connection",
          "proxy-authorization",
          "proxy-authenticate",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  /** The platform's credentials, and headers the proxy writes itself. */
  private static final Set<String> PLATFORM =
      Set.of(
          "authorization",
          "cookie",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-host",
          "x-forwarded-prefix",
          "forwarded",
          AuthCookies.CSRF_HEADER.toLowerCase(Locale.ROOT));

  /** Not copied down: hop-by-hop, and CORS, which the proxy answers itself. */
  private static final Set<String> NOT_DOWN =
      Set.of(
          "connection",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-connection",
          "proxy-authenticate",
          "content-length",
          "access-control-allow-origin",
          "access-control-allow-credentials",
          "access-control-allow-methods",
          "access-control-allow-headers",
          "access-control-expose-headers",
          "access-control-max-age",
          "set-cookie");

  /**
   * Never copied down: they act on the whole origin the answer comes from, which on the platform's
   * host is the platform's. {@code Clear-Site-Data} would wipe its cookies and storage (every
   * visitor signed out), {@code Strict-Transport-Security: max-age=0} lift its HSTS, {@code
   * Alt-Svc} send its later requests elsewhere, and the reporting headers collect its reports.
   */
  private static final Set<String> ORIGIN_WIDE =
      Set.of(
          "clear-site-data",
          "strict-transport-security",
          "alt-svc",
          "nel",
          "report-to",
          "reporting-endpoints");

  /** Cookie names that belong to the platform, whatever their path, with or without Secure. */
  private static final Set<String> PLATFORM_COOKIES = platformCookies();

  private static Set<String> platformCookies() {
    Set<String> names = new HashSet<>(AuthCookies.NAMES);
    names.add(AppTickets.COOKIE);
    return Set.copyOf(names);
  }

  private ProxyHeaders() {}

  /**
   * Whether a header is one a message's {@code Connection} headers name (comma-separated, any
   * case): such a header is for the one hop it came over and is never passed on (RFC 9110 §7.6.1).
   */
  static Predicate<String> namedByConnection(List<String> connectionHeaders) {
    Set<String> named = new HashSet<>();
    for (String header : connectionHeaders) {
      for (String token : header.split(",")) {
        named.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    return name -> named.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a request header goes up to the app. */
  static boolean forwardUp(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !HOP_BY_HOP.contains(lower)
        && !PLATFORM.contains(lower)
        && !lower.startsWith("proxy-")
        && !lower.startsWith("sec-websocket-");
  }

  /** Whether a response header of the app is copied to the browser as it is. */
  static boolean copyDown(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !NOT_DOWN.contains(lower)
        && !ORIGIN_WIDE.contains(lower)
        && !lower.startsWith("proxy-")
        && !lower.startsWith(":");
  }

  /**
   * The {@code Cookie} header without the platform's cookies; empty if nothing is left. Several
   * {@code Cookie} headers (HTTP/2) are joined.
   */
  static Optional<String> appCookies(List<String> cookieHeaders) {
    List<String> kept = new ArrayList<>();
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        String name = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
        if (!PLATFORM_COOKIES.contains(name)) {
          kept.add(trimmed);
        }
      }
    }
    return kept.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", kept));
  }

  /**
   * An app's {@code Set-Cookie} confined to {@code prefix}; empty if it names a platform cookie or
   * is malformed.
   */
  static Optional<String> confineSetCookie(String setCookie, String prefix) {
    String[] parts = setCookie.split(";");
    String pair = parts[0].trim();
    int eq = pair.indexOf('=');
    if (eq <= 0 || PLATFORM_COOKIES.contains(pair.substring(0, eq).trim())) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(pair);
    for (int i = 1; i < parts.length; i++) {
      String attribute = parts[i].trim();
      String lower = attribute.toLowerCase(Locale.ROOT);
      if (attribute.isEmpty() || lower.startsWith("domain") || lower.startsWith("path")) {
        continue;
      }
      out.append("; ").append(attribute);
    }
    return Optional.of(out.append("; Path=").append(prefix).toString());
  }

  /** {@code X-Forwarded-For}: the client's address appended to a trusted chain, else alone. */
  static String forwardedFor(String incoming, String remoteAddress, boolean trustIncoming) {
    if (trustIncoming && incoming != null && !incoming.isBlank()) {
      return incoming.trim() + ", " + remoteAddress;
    }
    return remoteAddress;
  }
}
