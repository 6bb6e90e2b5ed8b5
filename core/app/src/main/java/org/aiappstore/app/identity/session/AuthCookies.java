package org.aiappstore.app.identity.session;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Set;
import org.aiappstore.app.identity.token.TokenHashing;
import org.aiappstore.app.problem.ProblemException;

/**
 * The refresh cookie (HttpOnly) and the CSRF cookie (readable by the web app, which echoes it in
 * {@code X-CSRF-Token}: a cross-site page can make the browser send cookies but cannot read them).
 * Both SameSite=Strict.
 *
 * <p>Secure (the {@code cookie-secure} setting, over HTTPS), they are named {@code
 * __Host-aas_refresh} and {@code __Host-aas_csrf}, with {@code Path=/} and no {@code Domain}, and
 * only these names are read. Browsers accept a {@code __Host-} cookie only from the host itself
 * (RFC 6265bis), so a page on a sibling or child host (a demo app on {@code
 * demos.models.example.com}) cannot toss a cookie with {@code Domain=models.example.com} that the
 * platform would take for its own, and sign the user in as someone else with a refresh token and
 * CSRF value of its choosing. Without Secure (local http development) browsers refuse the prefix:
 * the cookies keep their plain names, and the refresh cookie is sent to {@code /api/v1/auth} only.
 */
public final class AuthCookies {

  public static final String CSRF_HEADER = "X-CSRF-Token";

  static final String HOST_PREFIX = "__Host-";
  static final String REFRESH = "aas_refresh";
  static final String CSRF = "aas_csrf";
  static final String PLAIN_REFRESH_PATH = "/api/v1/auth";

  /** Every name the session cookies have in either mode. */
  public static final Set<String> NAMES =
      Set.of(REFRESH, CSRF, HOST_PREFIX + REFRESH, HOST_PREFIX + CSRF);

  private final boolean secure;

  private AuthCookies(boolean secure) {
    this.secure = secure;
  }

  /** The cookies of the configured mode: {@code secure} is the {@code cookie-secure} setting. */
  public static AuthCookies of(boolean secure) {
    return new AuthCookies(secure);
  }

  public String refreshName() {
    return secure ? HOST_PREFIX + REFRESH : REFRESH;
  }

  public String csrfName() {
    return secure ? HOST_PREFIX + CSRF : CSRF;
  }

  private String refreshPath() {
    return secure ? "/" : PLAIN_REFRESH_PATH;
  }

  public String refresh(String token, Duration lifetime) {
    return cookie(refreshName(), token, refreshPath(), lifetime.toSeconds(), true);
  }

  public String csrf(String token, Duration lifetime) {
    return cookie(csrfName(), token, "/", lifetime.toSeconds(), false);
  }

  public String clearRefresh() {
    return cookie(refreshName(), "", refreshPath(), 0, true);
  }

  public String clearCsrf() {
    return cookie(csrfName(), "", "/", 0, false);
  }

  /** The refresh token among a request's cookies (only under this mode's name), or null. */
  public String refreshToken(Cookie[] cookies) {
    return value(cookies, refreshName());
  }

  /**
   * The double-submit check: the header must repeat the CSRF cookie of this mode's name, which only
   * the platform's own pages can read and only the platform's host can set.
   */
  public void checkCsrf(Cookie[] cookies, String header) {
    String cookie = value(cookies, csrfName());
    if (cookie == null || cookie.isEmpty() || !TokenHashing.sameSecret(cookie, header)) {
      throw new ProblemException(
          403,
          "CSRF_CHECK_FAILED",
          "Send the value of the " + csrfName() + " cookie in the " + CSRF_HEADER + " header.");
    }
  }

  private static String value(Cookie[] cookies, String name) {
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private String cookie(String name, String value, String path, long maxAge, boolean httpOnly) {
    StringBuilder cookie =
        new StringBuilder(name)
            .append('=')
            .append(value)
            .append("; Path=")
            .append(path)
            .append("; Max-Age=")
            .append(maxAge);
    if (httpOnly) {
      cookie.append("; HttpOnly");
    }
    cookie.append("; SameSite=Strict");
    if (secure) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }
}
