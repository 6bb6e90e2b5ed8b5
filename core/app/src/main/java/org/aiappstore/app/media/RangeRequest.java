package org.aiappstore.app.media;

import java.util.Locale;

/**
 * What an HTTP {@code Range} header asks of an object of known size (RFC 9110 §14): the whole
 * object (no header, a header we do not understand, or several ranges, which we do not serve as
 * multipart), one satisfiable range, or nothing satisfiable (416).
 *
 * @param kind which of the three
 * @param start the first byte, for {@link Kind#PARTIAL}
 * @param end the last byte, inclusive and within the object, for {@link Kind#PARTIAL}
 */
public record RangeRequest(Kind kind, long start, long end) {

  /** The three outcomes. */
  public enum Kind {
    WHOLE,
    PARTIAL,
    UNSATISFIABLE
  }

  private static final RangeRequest WHOLE = new RangeRequest(Kind.WHOLE, 0, -1);
  private static final RangeRequest UNSATISFIABLE = new RangeRequest(Kind.UNSATISFIABLE, 0, -1);

  /** Interprets {@code header} (may be {@code null}) for an object of {@code size} bytes. */
  public static RangeRequest parse(String header, long size) {
    if (header == null) {
      return WHOLE;
    }
    String value = header.trim();
    int equals = value.indexOf('=');
    if (equals < 0 || !value.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return WHOLE; // another unit: ignore the header
    }
    String spec = value.substring(equals + 1).trim();
    if (spec.contains(",")) {
      return WHOLE; // several ranges: allowed to answer with the whole representation
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return WHOLE;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    try {
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return WHOLE;
        }
        long suffix = digits(last);
        if (suffix == 0 || size == 0) {
          return UNSATISFIABLE;
        }
        return new RangeRequest(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
      }
      long start = digits(first);
      Long end = last.isEmpty() ? null : digits(last);
      if (end != null && end < start) {
        return WHOLE; // syntactically invalid: ignore the header
      }
      if (start >= size) {
        return UNSATISFIABLE;
      }
      long clamped = end == null ? size - 1 : Math.min(end, size - 1);
      return new RangeRequest(Kind.PARTIAL, start, clamped);
    } catch (NumberFormatException e) {
      return WHOLE;
    }
  }

  /** The number of bytes a partial range selects. */
  public long length() {
    return end - start + 1;
  }

  /** The {@code Content-Range} value of a partial answer. */
  public String contentRange(long size) {
    return "bytes " + start + "-" + end + "/" + size;
  }

  private static long digits(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(text);
    }
    return Long.parseLong(text); // overflow also throws NumberFormatException
  }
}
