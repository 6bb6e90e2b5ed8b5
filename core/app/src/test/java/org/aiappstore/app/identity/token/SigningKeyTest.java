package org.aiappstore.app.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  @Test
  void shouldRoundTripThePublicKeyThroughItsJwk() throws Exception {
    SigningKey key = SigningKey.generate();
    JsonObject jwk = key.publicJwk();

    assertThat(jwk.getString("kty")).isEqualTo("RSA");
    assertThat(jwk.getString("alg")).isEqualTo("RS256");
    assertThat(jwk.getString("e")).isEqualTo("AQAB");
    assertThat(SigningKey.publicKeyOf(jwk)).isEqualTo(key.publicKey());
  }

  @Test
  void shouldRebuildAKeyFromItsEncodings() {
    SigningKey key = SigningKey.generate();
    SigningKey decoded =
        SigningKey.decode(key.kid(), key.privateKey().getEncoded(), key.publicKey().getEncoded());
    assertThat(decoded.publicKey()).isEqualTo(key.publicKey());
    assertThat(decoded.privateKey()).isEqualTo(key.privateKey());
  }
}
