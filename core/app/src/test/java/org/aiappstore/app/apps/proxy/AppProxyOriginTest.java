package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which requests on the platform's own host may speak with the user's app ticket. */
class AppProxyOriginTest {

  private static final String HOST = "store.example.com";

  @Test
  void shouldTakeTheTicketFromANavigationTheFrameAndThePlatformItself() {
    assertThat(AppProxyServlet.fromThisHostOrAFrame(null, HOST)).isTrue();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("null", HOST)).isTrue();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("https://STORE.example.com", HOST)).isTrue();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("http://localhost:9080", "localhost:9080"))
        .isTrue();
  }

  @Test
  void shouldNotTakeItFromAnotherSitesFormOrWebSocket() {
    assertThat(AppProxyServlet.fromThisHostOrAFrame("https://evil.example", HOST)).isFalse();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("https://store.example.com.evil", HOST))
        .isFalse();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("http://localhost:9081", "localhost:9080"))
        .isFalse();
    assertThat(AppProxyServlet.fromThisHostOrAFrame("not a uri", HOST)).isFalse();
  }
}
