package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthCookiesTest {

  private static final Duration LIFETIME = Duration.ofDays(14);

  private static Cookie[] cookies(String... namesAndValues) {
    Cookie[] cookies = new Cookie[namesAndValues.length / 2];
    for (int i = 0; i < cookies.length; i++) {
      cookies[i] = new Cookie(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
    }
    return cookies;
  }

  /** Over HTTPS: a demo app's host under the platform's domain must not set them. */
  @Nested
  class WhenSecure {

    private final AuthCookies secure = AuthCookies.of(true);

    @Test
    void shouldSetHostPrefixedCookiesForTheWholeHostWithoutDomain() {
      String refresh = secure.refresh("r-1", LIFETIME);
      String csrf = secure.csrf("c-1", LIFETIME);

      assertSoftly(
          soft -> {
            soft.assertThat(refresh)
                .startsWith("__Host-aas_refresh=r-1; Path=/; Max-Age=1209600;")
                .contains("; HttpOnly", "; SameSite=Strict", "; Secure")
                .doesNotContainIgnoringCase("domain");
            soft.assertThat(csrf)
                .startsWith("__Host-aas_csrf=c-1; Path=/; Max-Age=1209600;")
                .contains("; SameSite=Strict", "; Secure")
                .doesNotContain("HttpOnly")
                .doesNotContainIgnoringCase("domain");
          });
    }

    @Test
    void shouldClearTheHostPrefixedCookies() {
      assertThat(secure.clearRefresh())
          .startsWith("__Host-aas_refresh=; Path=/; Max-Age=0;")
          .contains("; Secure");
      assertThat(secure.clearCsrf())
          .startsWith("__Host-aas_csrf=; Path=/; Max-Age=0;")
          .contains("; Secure");
    }

    @Test
    void shouldIgnoreARefreshCookieWithoutThePrefix() {
      assertThat(secure.refreshToken(cookies("aas_refresh", "tossed"))).isNull();
      assertThat(secure.refreshToken(cookies("aas_refresh", "tossed", "__Host-aas_refresh", "own")))
          .isEqualTo("own");
    }

    @Test
    void shouldRefuseACsrfValueFromACookieWithoutThePrefix() {
      assertThatThrownBy(() -> secure.checkCsrf(cookies("aas_csrf", "known"), "known"))
          .isInstanceOf(ProblemException.class)
          .hasMessageContaining("__Host-aas_csrf")
          .extracting(e -> ((ProblemException) e).status())
          .isEqualTo(403);
      assertThatCode(
              () ->
                  secure.checkCsrf(cookies("aas_csrf", "tossed", "__Host-aas_csrf", "own"), "own"))
          .doesNotThrowAnyException();
    }
  }

  /** Over plain http (local development), where browsers refuse the prefix. */
  @Nested
  class WhenNotSecure {

    private final AuthCookies plain = AuthCookies.of(false);

    @Test
    void shouldKeepThePlainNamesAndSendTheRefreshCookieToTheAuthApiOnly() {
      assertThat(plain.refresh("r-1", LIFETIME))
          .startsWith("aas_refresh=r-1; Path=/api/v1/auth; ")
          .contains("HttpOnly")
          .doesNotContain("Secure");
      assertThat(plain.csrf("c-1", LIFETIME)).startsWith("aas_csrf=c-1; Path=/; ");
      assertThat(plain.clearRefresh()).startsWith("aas_refresh=; Path=/api/v1/auth; Max-Age=0");
      assertThat(plain.refreshToken(cookies("aas_refresh", "r-1"))).isEqualTo("r-1");
      assertThatCode(() -> plain.checkCsrf(cookies("aas_csrf", "c-1"), "c-1"))
          .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAMissingOrDifferentCsrfHeader() {
      assertThatThrownBy(() -> plain.checkCsrf(cookies("aas_csrf", "c-1"), null))
          .isInstanceOf(ProblemException.class);
      assertThatThrownBy(() -> plain.checkCsrf(cookies("aas_csrf", "c-1"), "c-2"))
          .isInstanceOf(ProblemException.class);
      assertThatThrownBy(() -> plain.checkCsrf(null, "c-1")).isInstanceOf(ProblemException.class);
    }
  }
}
