package org.aiappstore.app.problem;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.Reader;
import java.util.Map;

/**
 * Limits on the shape of JSON from outside, checked by streaming through the text before any parser
 * builds it. Parsers that build a tree (JSON-P's reader, BSON's {@code Document.parse}) go one call
 * deeper per level: BSON's overflows the stack on a few hundred kilobytes of {@code [}, JSON-P's
 * stops at 1000 levels with a bare runtime error. And they keep many times the text's size per
 * value ({@code {},{},…} takes about 26 bytes of heap per byte in BSON), so a text within its byte
 * limit can still fill the heap.
 *
 * @param maxDepth the deepest nesting of objects and arrays accepted, the outermost being level 1;
 *     at most 500, below the JSON-P parser's own guard
 * @param maxValues the most values (objects, arrays, strings, numbers, literals) accepted
 *     <p>Numbers are at most {@value #MAX_NUMBER_CHARS} characters long in any case.
 */
public record JsonLimits(int maxDepth, long maxValues) {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  /**
   * No number anyone sends is longer (a double prints in at most 24); JSON-P refuses to build one
   * of more than 1100 characters with a bare runtime error, and BSON's parser turns it into a
   * string.
   */
  static final int MAX_NUMBER_CHARS = 100;

  public JsonLimits {
    if (maxDepth < 1 || maxDepth > 500) {
      throw new IllegalArgumentException("maxDepth must be 1 to 500, not " + maxDepth);
    }
    if (maxValues < 1) {
      throw new IllegalArgumentException("maxValues must be positive, not " + maxValues);
    }
  }

  /** A limit on the nesting only, for text whose size is already small. */
  public static JsonLimits depth(int maxDepth) {
    return new JsonLimits(maxDepth, Long.MAX_VALUE);
  }

  /**
   * Reads {@code json} to its end, building nothing.
   *
   * @throws Exceeded when it goes past a limit
   * @throws JsonException when it is not one JSON value (syntax errors are the parser's {@code
   *     JsonParsingException}); trailing content included
   */
  public void check(Reader json) {
    try (JsonParser parser = PARSERS.createParser(json)) {
      int depth = 0;
      long values = 0;
      while (parser.hasNext()) {
        switch (parser.next()) {
          case START_OBJECT, START_ARRAY -> {
            values = counted(values);
            if (++depth > maxDepth) {
              throw new Exceeded("is nested deeper than " + maxDepth + " levels");
            }
          }
          case END_OBJECT, END_ARRAY -> depth--;
          case KEY_NAME -> {
            // A key comes with its value, which is counted.
          }
          case VALUE_NUMBER -> {
            values = counted(values);
            if (parser.getString().length() > MAX_NUMBER_CHARS) {
              throw new Exceeded("has a number longer than " + MAX_NUMBER_CHARS + " characters");
            }
          }
          default -> values = counted(values);
        }
      }
    }
  }

  private long counted(long values) {
    if (values >= maxValues) {
      throw new Exceeded("holds more than " + maxValues + " values");
    }
    return values + 1;
  }

  /**
   * JSON past a limit; the message says which, to follow a name: {@code "is nested deeper than 32
   * levels"}, {@code "holds more than 1000 values"}. A {@link JsonException}, so that code treating
   * any unreadable JSON alike needs nothing more.
   */
  public static final class Exceeded extends JsonException {

    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }
}
