package org.aiappstore.plugins.kubernetes;

/**
 * Writes strings as YAML double-quoted scalars that every YAML 1.1 and 1.2 parser reads back as the
 * exact same string: no value can end the scalar, start a new key or list item, become a comment,
 * an alias, a tag, a number, a boolean or null, or be folded. Nothing is HTML-escaped.
 *
 * <p>Escaped: {@code \} and {@code "}, every C0 and C1 control character (tab, CR and LF included),
 * DEL, the Unicode line and paragraph separators and the byte-order mark. Other characters,
 * non-ASCII and emoji included, are written as they are.
 */
public final class YamlScalars {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private YamlScalars() {}

  /**
   * Quotes a string.
   *
   * @param value the string; {@code null} is written as the empty string
   * @return the double-quoted scalar, e.g. {@code "a: b\n- c"}
   * @throws IllegalArgumentException for an unpaired surrogate, which no YAML stream can hold
   */
  public static String quote(String value) {
    if (value == null) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("Unpaired surrogate at index " + i);
          } else if (needsEscape(c)) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\uFEFF'
        || c == '\uFFFE'
        || c == '\uFFFF';
  }
}
