package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {

  @Test
  void shouldBeTheHexHmacSha256OfTheBody() {
    // The RFC 4231-style example from Wikipedia's HMAC page.
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    assertThat(Signature.of("key", body))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void shouldDifferForAnotherSecretOrBody() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(Signature.of("secret-one", body)).isNotEqualTo(Signature.of("secret-two", body));
    assertThat(Signature.of("secret-one", body))
        .isNotEqualTo(Signature.of("secret-one", "{ }".getBytes(StandardCharsets.UTF_8)));
  }
}
