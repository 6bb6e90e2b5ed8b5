package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"A", "_", "HF_TOKEN", "gradio_server_port", "X1", "_PRIVATE_2"})
  void shouldAcceptCIdentifiers(String name) {
    assertThat(EnvNames.isValid(name)).isTrue();
    assertThat(EnvNames.requireValid(name)).isSameAs(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "1ABC", "A-B", "A.B", "A B", "A=B", "Ä", "A\nB", "$HOME", "A;rm", "{{x}}"})
  void shouldRejectOtherNames(String name) {
    assertThat(EnvNames.problem(name)).isPresent();
    assertThatThrownBy(() -> EnvNames.requireValid(name))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Environment variable name");
  }

  @Test
  void shouldRejectNullAndOverlongNames() {
    assertThat(EnvNames.isValid(null)).isFalse();
    assertThat(EnvNames.isValid("A".repeat(EnvNames.MAX_LENGTH))).isTrue();
    assertThat(EnvNames.isValid("A".repeat(EnvNames.MAX_LENGTH + 1))).isFalse();
  }
}
