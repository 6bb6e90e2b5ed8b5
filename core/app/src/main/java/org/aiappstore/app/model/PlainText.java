package org.aiappstore.app.model;

/** Plain-text fields are stored as text and always rendered as text; this only tidies them. */
final class PlainText {

  private PlainText() {}

  /** Drops control characters (NUL, escape, ...) but keeps line breaks and tabs. */
  static String clean(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
