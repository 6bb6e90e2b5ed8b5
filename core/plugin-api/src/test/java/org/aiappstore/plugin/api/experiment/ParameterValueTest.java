package org.aiappstore.plugin.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterValueTest {

  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "FALSE", " false "})
  void shouldInferBooleansInAnyCase(String text) {
    assertThat(ParameterValue.infer(text)).isInstanceOf(ParameterValue.BooleanValue.class);
    assertThat(ParameterValue.infer(text).raw())
        .isEqualTo(Boolean.parseBoolean(text.strip().toLowerCase()));
  }

  @ParameterizedTest
  @CsvSource({"3, 3", "-0.5, -0.5", "0.001, 0.001", "1e-3, 0.001", "2.5E+2, 250", "0, 0"})
  void shouldInferJsonStyleNumbersExactly(String text, String expected) {
    ParameterValue value = ParameterValue.infer(text);

    assertThat(value).isInstanceOf(ParameterValue.NumberValue.class);
    assertThat((BigDecimal) value.raw()).isEqualByComparingTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "007", "1.", ".5", "+1", "0x10", "NaN", "Infinity", "", "1 000"})
  void shouldKeepAnythingElseAsAString(String text) {
    ParameterValue value = ParameterValue.infer(text);

    assertThat(value).isEqualTo(ParameterValue.of(text));
    assertThat(value.raw()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.10", "adam", "true"})
  void shouldPrintTheValueAsStored(String text) {
    assertThat(ParameterValue.infer(text)).hasToString(text);
  }
}
