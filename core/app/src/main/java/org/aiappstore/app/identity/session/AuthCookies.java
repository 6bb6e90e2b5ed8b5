package org.aiappstore.app.identity.session;

import java.time.Duration;

/**
 * The refresh cookie (HttpOnly, only sent to {@code /api/v1/auth}) and the CSRF cookie (readable by
 * the web app, which echoes it in {@code X-CSRF-Token}: a cross-site page can make the browser send
 * cookies but cannot read them). Both SameSite=Strict; Secure when configured.
 */
public final class AuthCookies {

  public static final String REFRESH = "aas_refresh";
  public static final String CSRF = "aas_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String REFRESH_PATH = "/api/v1/auth";

  private AuthCookies() {}

  public static String refresh(String token, Duration lifetime, boolean secure) {
    return cookie(REFRESH, token, REFRESH_PATH, lifetime.toSeconds(), true, secure);
  }

  public static String csrf(String token, Duration lifetime, boolean secure) {
    return cookie(CSRF, token, "/", lifetime.toSeconds(), false, secure);
  }

  public static String clearRefresh(boolean secure) {
    return cookie(REFRESH, "", REFRESH_PATH, 0, true, secure);
  }

  public static String clearCsrf(boolean secure) {
    return cookie(CSRF, "", "/", 0, false, secure);
  }

  private static String cookie(
      String name, String value, String path, long maxAge, boolean httpOnly, boolean secure) {
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
