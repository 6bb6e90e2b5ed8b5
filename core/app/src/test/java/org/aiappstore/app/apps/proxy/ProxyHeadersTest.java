package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyHeadersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "authorization",
        "Cookie",
        "Connection",
        "Keep-Alive",
        "TE",
        "Transfer-Encoding",
        "Upgrade",
        "Proxy-Authorization",
        "Proxy-Foo",
        "Host",
        "Content-Length",
        "X-CSRF-Token",
        "X-Forwarded-For",
        "Sec-WebSocket-Key"
      })
  void shouldNotForwardHopByHopHeadersOrPlatformCredentials(String name) {
    assertThat(ProxyHeaders.forwardUp(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Accept", "Content-Type", "User-Agent", "X-Custom", "Last-Event-ID"})
  void shouldForwardOrdinaryHeaders(String name) {
    assertThat(ProxyHeaders.forwardUp(name)).isTrue();
  }

  @Test
  void shouldCopyOrdinaryResponseHeadersButNotCorsOrHopByHop() {
    assertThat(ProxyHeaders.copyDown("Content-Type")).isTrue();
    assertThat(ProxyHeaders.copyDown("Cache-Control")).isTrue();
    assertThat(ProxyHeaders.copyDown("Content-Security-Policy")).isTrue();
    assertThat(ProxyHeaders.copyDown("Transfer-Encoding")).isFalse();
    assertThat(ProxyHeaders.copyDown("Connection")).isFalse();
    assertThat(ProxyHeaders.copyDown("Access-Control-Allow-Origin")).isFalse();
    assertThat(ProxyHeaders.copyDown("Set-Cookie")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Clear-Site-Data",
        "Strict-Transport-Security",
        "strict-transport-security",
        "Alt-Svc",
        "NEL",
        "Report-To",
        "Reporting-Endpoints"
      })
  void shouldNotCopyDownHeadersThatActOnTheWholeOrigin(String name) {
    assertThat(ProxyHeaders.copyDown(name)).isFalse();
  }

  @Test
  void shouldKeepEveryHeaderTheConnectionHeaderNamesToItsHop() {
    Predicate<String> hopOnly =
        ProxyHeaders.namedByConnection(List.of("keep-alive, X-Hop", " x-other ,close"));

    assertThat(hopOnly).accepts("X-Hop", "x-hop", "X-OTHER", "Keep-Alive").rejects("X-Kept", "");
    assertThat(ProxyHeaders.namedByConnection(List.of())).rejects("X-Hop");
  }

  @Test
  void shouldDropThePlatformCookiesAndKeepTheAppsOwn() {
    assertThat(
            ProxyHeaders.appCookies(
                List.of(
                    "aas_csrf=abc; session=app1; aas_refresh=r", "aas_app_ticket=t.s; theme=dark")))
        .contains("session=app1; theme=dark");
    assertThat(ProxyHeaders.appCookies(List.of("aas_csrf=abc; aas_app_ticket=x"))).isEmpty();
    assertThat(
            ProxyHeaders.appCookies(
                List.of("__Host-aas_csrf=abc; session=app1; __Host-aas_refresh=r")))
        .as("the names the cookies have over HTTPS")
        .contains("session=app1");
    assertThat(ProxyHeaders.appCookies(List.of())).isEmpty();
  }

  @Test
  void shouldConfineTheAppsCookiesToItsPath() {
    assertThat(
            ProxyHeaders.confineSetCookie(
                "session=1; Path=/; Domain=example.com; HttpOnly; SameSite=Lax", "/apps/a1/"))
        .contains("session=1; HttpOnly; SameSite=Lax; Path=/apps/a1/");
    assertThat(ProxyHeaders.confineSetCookie("aas_csrf=evil; Path=/", "/apps/a1/")).isEmpty();
    assertThat(ProxyHeaders.confineSetCookie("aas_app_ticket=forged", "/apps/a1/")).isEmpty();
    assertThat(ProxyHeaders.confineSetCookie("__Host-aas_csrf=evil; Path=/", "/apps/a1/"))
        .isEmpty();
    assertThat(ProxyHeaders.confineSetCookie("__Host-aas_refresh=evil; Secure", "/apps/a1/"))
        .isEmpty();
    assertThat(ProxyHeaders.confineSetCookie("garbage", "/apps/a1/")).isEmpty();
  }

  @Test
  void shouldAppendTheClientAddressOnlyToATrustedChain() {
    assertThat(ProxyHeaders.forwardedFor("10.0.0.1", "192.168.1.5", true))
        .isEqualTo("10.0.0.1, 192.168.1.5");
    assertThat(ProxyHeaders.forwardedFor("6.6.6.6", "192.168.1.5", false)).isEqualTo("192.168.1.5");
    assertThat(ProxyHeaders.forwardedFor(null, "192.168.1.5", true)).isEqualTo("192.168.1.5");
  }

  @Test
  void shouldResolveThePathAgainstTheAppsUrlAndRefuseEscapes() {
    assertThat(AppProxyServlet.upstream("http://apps.example.com/apps/app-a1/", "api/x", "q=1&r=2"))
        .hasToString("http://apps.example.com/apps/app-a1/api/x?q=1&r=2");
    assertThat(AppProxyServlet.upstream("http://app-a1.apps.svc", "", null))
        .hasToString("http://app-a1.apps.svc/");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AppProxyServlet.upstream("http://h/apps/app-a1/", "../app-b2/secret", null))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AppProxyServlet.upstream("http://h/apps/app-a1/", "%2E%2e/app-b2/", null))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AppProxyServlet.upstream("http://h/apps/app-a1/", "..%2fapp-b2/", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AppProxyServlet.upstream("http://h/apps/app-a1/", "file/a%20b.txt", null))
        .hasToString("http://h/apps/app-a1/file/a%20b.txt");
  }

  @Test
  void shouldRewriteRedirectsIntoTheAppsUrlToItsProxyPath() {
    assertThat(
            AppProxyServlet.location(
                "http://h/apps/app-a1/login?x=1", "http://h/apps/app-a1/", "/apps/a1/"))
        .isEqualTo("/apps/a1/login?x=1");
    assertThat(AppProxyServlet.location("https://elsewhere/", "http://h/apps/app-a1/", "/apps/a1/"))
        .isEqualTo("https://elsewhere/");
    assertThat(AppProxyServlet.location("next", "http://h/apps/app-a1/", "/apps/a1/"))
        .isEqualTo("next");
  }
}
