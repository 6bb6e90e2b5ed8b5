package org.aiappstore.plugin.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void shouldSelectTheWholeObject() {
    assertThat(ByteRange.all().isAll()).isTrue();
    assertThat(ByteRange.from(0)).isEqualTo(ByteRange.all());
    assertThat(ByteRange.all().length(10)).isEqualTo(10);
    assertThat(ByteRange.all().length(0)).isZero();
  }

  @Test
  void shouldComputeLengthsOfPartialRanges() {
    assertThat(ByteRange.of(2, 5).length(10)).isEqualTo(4);
    assertThat(ByteRange.from(7).length(10)).isEqualTo(3);
    assertThat(ByteRange.of(8, 100).length(10)).as("end clamped").isEqualTo(2);
    assertThat(ByteRange.of(3, 3).length(10)).isEqualTo(1);
  }

  @Test
  void shouldRejectARangeStartingBeyondTheEnd() {
    assertThatThrownBy(() -> ByteRange.from(10).length(10))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT))
        .hasMessageContaining("beyond the end");
  }

  @Test
  void shouldRejectMalformedRanges() {
    assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(PlatformException.class);
    assertThatThrownBy(() -> ByteRange.of(5, 4)).isInstanceOf(PlatformException.class);
  }

  @Test
  void shouldPrintAsAnHttpRange() {
    assertThat(ByteRange.of(0, 99)).hasToString("bytes=0-99");
    assertThat(ByteRange.from(100)).hasToString("bytes=100-");
  }
}
