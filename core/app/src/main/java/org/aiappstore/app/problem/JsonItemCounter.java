package org.aiappstore.app.problem;

/**
 * Counts the items of a UTF-8 JSON text as its bytes stream past, before any parser sees them: an
 * array or object opened, or one more element after a comma, outside strings. A body within its
 * byte cap can still hold millions of tiny values ({@code [0,0,0,…]}: one per two bytes), and a
 * parser building a tree, JSON-P's or JSON-B's, keeps each as an object of its own, tens of bytes
 * apiece: a 32 MiB body became hundreds of megabytes of heap. Counting bytes this way needs no
 * parsing and no buffer; in UTF-8 the bytes of quotes, backslashes, commas and brackets never occur
 * inside another character.
 */
final class JsonItemCounter {

  private final long limit;
  private long items;
  private boolean inString;
  private boolean escaped;

  /**
   * @param limit the most items accepted
   */
  JsonItemCounter(long limit) {
    this.limit = limit;
  }

  /**
   * Counts the bytes {@code from} to {@code to} (exclusive) of the text.
   *
   * @throws TooManyItems as soon as the text goes past the limit
   */
  void scan(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if ((b == ',' || b == '[' || b == '{') && ++items > limit) {
        throw new TooManyItems(limit);
      }
    }
  }

  /** A body past the item limit: 413, like one past the byte limit. */
  static final class TooManyItems extends ProblemException {
    private static final long serialVersionUID = 1L;

    TooManyItems(long limit) {
      super(
          413,
          "BODY_TOO_LARGE",
          "The JSON body holds more than "
              + limit
              + " values (array elements and object members), the most this server reads.");
    }
  }
}
