package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "500m, 0.5",
    "2, 2",
    "1.5, 1.5",
    ".5, 0.5",
    "100n, 0.0000001",
    "250u, 0.00025",
    "1k, 1000",
    "1M, 1000000",
    "1G, 1000000000",
    "1Ki, 1024",
    "512Mi, 536870912",
    "1.5Gi, 1610612736",
    "2Ti, 2199023255552",
    "1e3, 1000",
    "12E-1, 1.2",
    "1E, 1000000000000000000",
    "+3, 3"
  })
  void shouldParseToBaseUnits(String quantity, String expected) {
    assertThat(Quantities.parse(quantity)).isEqualByComparingTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-1", "1.5.5", "1 Gi", "1gi", "1GB", "m", "1e", "0x10", "1e1000", "Infinity"})
  void shouldRejectMalformedQuantities(String quantity) {
    assertThat(Quantities.problem(quantity)).isPresent();
    assertThatThrownBy(() -> Quantities.parse(quantity)).isInstanceOf(PlatformException.class);
  }

  @Test
  void shouldCompareByValue() {
    assertThat(Quantities.compare("1000m", "1")).isZero();
    assertThat(Quantities.compare("1Gi", "1G")).isPositive();
    assertThat(Quantities.compare("500Mi", "1Gi")).isNegative();
  }

  @Test
  void shouldRejectNullAndOverlongQuantities() {
    assertThat(Quantities.problem(null)).isPresent();
    assertThat(Quantities.problem("1".repeat(Quantities.MAX_LENGTH + 1))).isPresent();
  }
}
