package org.aiappstore.app.model.content;

import java.util.Locale;

/** String helpers that follow how browsers read URLs. */
final class Text {

  private Text() {}

  /**
   * Removes leading and trailing characters up to U+0020, as the URL parser does before reading a
   * scheme.
   */
  static String stripControlsAndSpaces(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && value.charAt(end - 1) <= ' ') {
      end--;
    }
    return value.substring(start, end);
  }

  /**
   * The string as a URL parser sees it when it looks for the scheme: trimmed, without tabs and line
   * breaks anywhere (the parser drops them, which is how {@code java&#9;script:} works), lower
   * case.
   */
  static String schemeView(String value) {
    String trimmed = stripControlsAndSpaces(value);
    StringBuilder view = new StringBuilder(Math.min(trimmed.length(), 64));
    for (int i = 0; i < trimmed.length() && view.length() < 64; i++) {
      char c = trimmed.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        view.append(c);
      }
    }
    return view.toString().toLowerCase(Locale.ROOT);
  }

  /** Whether a string holds a C0 control character or DEL anywhere. */
  static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
