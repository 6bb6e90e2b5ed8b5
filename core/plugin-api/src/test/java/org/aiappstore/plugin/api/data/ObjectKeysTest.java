package org.aiappstore.plugin.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "models/bert/v1/model.bin",
        ".hidden",
        "a/..b/c..",
        "name with spaces.txt",
        "ünïcødé/😀.txt",
        "a:b"
      })
  void shouldAcceptSafeKeys(String key) {
    assertThat(ObjectKeys.requireValid(key)).isSameAs(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/etc/passwd",
        "../x",
        "a/../../b",
        "a/./b",
        ".",
        "..",
        "a/..",
        "a//b",
        "a/",
        "a\\b",
        "..\\..\\windows",
        "a\u0000b",
        "a\nb",
        "a\u007fb",
        "bad\ud800surrogate"
      })
  void shouldRejectHostileKeys(String key) {
    assertThatThrownBy(() -> ObjectKeys.requireValid(key))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
  }

  @org.junit.jupiter.api.Test
  void shouldRejectNullAndOverlongKeys() {
    assertThatThrownBy(() -> ObjectKeys.requireValid(null)).isInstanceOf(PlatformException.class);
    assertThat(ObjectKeys.requireValid("k".repeat(1024))).hasSize(1024);
    assertThatThrownBy(() -> ObjectKeys.requireValid("k".repeat(1025)))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("1024");
  }
}
