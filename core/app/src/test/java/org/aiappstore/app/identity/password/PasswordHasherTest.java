package org.aiappstore.app.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void shouldVerifyThePasswordItHashed() {
    String hash = hasher.hash("correct horse battery staple");
    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
  }

  @Test
  void shouldUsePbkdf2Sha512With210000IterationsA32ByteSaltAndA64ByteKey() {
    String[] parts = hasher.hash("correct horse battery staple").split(":");
    assertThat(parts[0]).isEqualTo("PBKDF2WithHmacSHA512");
    assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(210_000);
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(32);
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(64);
  }

  @Test
  void shouldSaltEachHash() {
    assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
  }

  @Test
  void shouldRefuseAMalformedHash() {
    assertThat(hasher.verify("x", "not-a-hash")).isFalse();
    assertThat(hasher.verify("x", "MD5:1:AA==:AA==")).isFalse();
    assertThat(hasher.verify("x", null)).isFalse();
  }
}
