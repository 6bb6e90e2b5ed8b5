package org.aiappstore.plugin.api.data;

import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A range of bytes of an object, like an HTTP {@code Range} header.
 *
 * @param start the first byte, from 0
 * @param endInclusive the last byte, inclusive, or {@code null} for "to the end"; an end past the
 *     object's last byte is clamped
 */
public record ByteRange(long start, Long endInclusive) {

  private static final ByteRange ALL = new ByteRange(0, null);

  /**
   * Validates the range.
   *
   * @param start the first byte, from 0
   * @param endInclusive the last byte, inclusive, or {@code null} for "to the end"; an end past the
   *     object's last byte is clamped
   */
  public ByteRange {
    if (start < 0) {
      throw PlatformException.invalidArgument("Range start must not be negative: " + start);
    }
    if (endInclusive != null && endInclusive < start) {
      throw PlatformException.invalidArgument(
          "Range end " + endInclusive + " must not be before its start " + start);
    }
  }

  /**
   * The whole object, whatever its size (including empty objects).
   *
   * @return the range
   */
  public static ByteRange all() {
    return ALL;
  }

  /**
   * From a byte to the end.
   *
   * @param start the first byte
   * @return the range
   */
  public static ByteRange from(long start) {
    return start == 0 ? ALL : new ByteRange(start, null);
  }

  /**
   * From a byte to a byte, both inclusive.
   *
   * @param start the first byte
   * @param endInclusive the last byte
   * @return the range
   */
  public static ByteRange of(long start, long endInclusive) {
    return new ByteRange(start, endInclusive);
  }

  /**
   * Whether this is the whole object.
   *
   * @return {@code true} for {@link #all()}
   */
  public boolean isAll() {
    return start == 0 && endInclusive == null;
  }

  /**
   * The number of bytes this range selects of an object.
   *
   * @param objectSize the size of the object
   * @return the length, {@code 0} only for {@link #all()} of an empty object
   * @throws PlatformException with code INVALID_ARGUMENT if the range starts at or beyond the end
   *     of the object (except {@link #all()})
   */
  public long length(long objectSize) {
    if (objectSize < 0) {
      throw new IllegalArgumentException("objectSize must not be negative: " + objectSize);
    }
    if (isAll()) {
      return objectSize;
    }
    if (start >= objectSize) {
      throw PlatformException.invalidArgument(
          "Range starting at byte "
              + start
              + " is beyond the end of the object ("
              + objectSize
              + " bytes)");
    }
    long last = endInclusive == null ? objectSize - 1 : Math.min(endInclusive, objectSize - 1);
    return last - start + 1;
  }

  /**
   * As an HTTP {@code Range} header value.
   *
   * @return e.g. {@code bytes=0-99} or {@code bytes=100-}
   */
  @Override
  public String toString() {
    return "bytes=" + start + "-" + (endInclusive == null ? "" : endInclusive);
  }
}
