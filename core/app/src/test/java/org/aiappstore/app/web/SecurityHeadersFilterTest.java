package org.aiappstore.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.aiappstore.app.apps.proxy.AppOrigin;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  @Test
  void shouldAllowFramesFromThisOriginOnlyWhenAppsHaveNoOriginsOfTheirOwn() {
    String policy = SecurityHeadersFilter.policy(Optional.empty(), "");

    assertThat(policy).contains("frame-src 'self';", "script-src 'self';", "object-src 'none'");
    assertThat(policy).doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe");
  }

  @Test
  void shouldAllowFramesFromEveryAppsOwnOrigin() {
    Optional<AppOrigin> origin = AppOrigin.parse("https://{id}.apps.example.com:8443");

    assertThat(SecurityHeadersFilter.policy(origin, ""))
        .contains("frame-src 'self' https://*.apps.example.com:8443;");
  }

  @Test
  void shouldAllowCallingTheExternalSignInsTokenEndpoint() {
    String policy =
        SecurityHeadersFilter.policy(
            Optional.empty(), "https://id.example.com:8443/realms/x/protocol/openid-connect/token");

    assertThat(policy).contains("connect-src 'self' https://id.example.com:8443;");
  }
}
