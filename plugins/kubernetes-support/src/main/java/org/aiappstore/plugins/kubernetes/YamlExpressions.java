package org.aiappstore.plugins.kubernetes;

/**
 * The {@code #yaml} expression object of manifest templates. Templates print every value through it
 * with Thymeleaf's unescaped inline syntax, e.g. {@code image: [(${#yaml.str(app.image)})]}: the
 * escaped syntax {@code [[...]]} HTML-escapes in TEXT mode and is refused by {@link
 * ManifestRenderer}.
 */
public final class YamlExpressions {

  /** Creates the expression object; the template dialect does. */
  public YamlExpressions() {}

  /**
   * A string value.
   *
   * @param value any value, printed with {@link String#valueOf(Object)}; {@code null} as empty
   * @return a double-quoted YAML scalar
   */
  public String str(Object value) {
    return YamlScalars.quote(value == null ? null : String.valueOf(value));
  }

  /**
   * A whole number.
   *
   * @param value an {@link Integer} or {@link Long}
   * @return its decimal digits
   * @throws IllegalArgumentException for anything else, so a string never reaches YAML unquoted
   */
  public String num(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return String.valueOf(value);
    }
    throw new IllegalArgumentException("Not a whole number: " + value);
  }

  /**
   * A boolean.
   *
   * @param value a {@link Boolean}
   * @return {@code true} or {@code false}
   * @throws IllegalArgumentException for anything else
   */
  public String bool(Object value) {
    if (value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new IllegalArgumentException("Not a boolean: " + value);
  }
}
