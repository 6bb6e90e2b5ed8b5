package org.aiappstore.app.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.aiappstore.app.http.StallingServer;
import org.junit.jupiter.api.Test;

class RemoteJwksTest {

  @Test
  void shouldGiveUpOnAKeySetWhoseBodyStalls() throws Exception {
    // Every external sign-in waits on this fetch: a stalled body once held them all for good.
    try (StallingServer provider = new StallingServer(StallingServer.Stall.IN_BODY)) {
      RemoteJwks jwks = new RemoteJwks(URI.create(provider.url("/jwks")), Clock.systemUTC());

      assertTimeoutPreemptively(
          Duration.ofSeconds(15), () -> assertThat(jwks.key("any")).isEmpty());
    }
  }
}
