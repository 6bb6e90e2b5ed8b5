package org.aiappstore.plugin.api.experiment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The typed value of an experiment parameter (hyperparameter): a string, a number or a boolean.
 * Trackers mostly store parameters as text; {@link #infer(String)} recovers the type.
 */
public sealed interface ParameterValue
    permits ParameterValue.StringValue, ParameterValue.NumberValue, ParameterValue.BooleanValue {

  /**
   * The value as a plain Java object, ready for a JSON serializer.
   *
   * @return a {@link String}, a {@link BigDecimal} or a {@link Boolean}
   */
  Object raw();

  /**
   * A string value.
   *
   * @param value the text, kept as given
   * @return the value
   */
  static ParameterValue of(String value) {
    return new StringValue(value);
  }

  /**
   * A numeric value.
   *
   * @param value the number
   * @return the value
   */
  static ParameterValue of(BigDecimal value) {
    return new NumberValue(value);
  }

  /**
   * A boolean value.
   *
   * @param value the boolean
   * @return the value
   */
  static ParameterValue of(boolean value) {
    return new BooleanValue(value);
  }

  /**
   * Recovers the type of a parameter stored as text: {@code true}/{@code false} in any case become
   * booleans (Python writes {@code True}), JSON-style numbers ({@code 3}, {@code -0.5}, {@code
   * 1e-3}) become numbers, anything else, including numbers with leading zeros such as {@code 007},
   * stays a string.
   *
   * @param text the stored text, {@code null} is read as the empty string
   * @return the typed value
   */
  static ParameterValue infer(String text) {
    String value = text == null ? "" : text;
    String trimmed = value.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return new BooleanValue(Boolean.parseBoolean(lower));
    }
    if (NumberValue.JSON_NUMBER.matcher(trimmed).matches()) {
      return new NumberValue(new BigDecimal(trimmed));
    }
    return new StringValue(value);
  }

  /**
   * A string parameter.
   *
   * @param value the text
   */
  record StringValue(String value) implements ParameterValue {

    /**
     * Validates the value.
     *
     * @param value the text
     */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object raw() {
      return value;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * A numeric parameter, exact as stored ({@code 0.001} stays {@code 0.001}).
   *
   * @param value the number
   */
  record NumberValue(BigDecimal value) implements ParameterValue {

    private static final Pattern JSON_NUMBER =
        Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /**
     * Validates the value.
     *
     * @param value the number
     */
    public NumberValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object raw() {
      return value;
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /**
   * A boolean parameter.
   *
   * @param value the boolean
   */
  record BooleanValue(boolean value) implements ParameterValue {

    @Override
    public Object raw() {
      return value;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }
}
