package org.aiappstore.app.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.aiappstore.app.media.LimitedInputStream;
import org.aiappstore.app.problem.JsonLimits;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.Decoder;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.json.JsonReader;

/**
 * The JSON of a bundle, which may come from anywhere: its entries parsed as documents, and their
 * fields taken only when they have the type the import expects. An entry is read twice, both times
 * through its byte limit: first streamed through {@link JsonLimits}, building nothing, then parsed
 * straight from the zip, so a text nested a hundred thousand deep never reaches the recursive
 * parser and a big one is never held as a string besides its document.
 */
final class ForeignJson {

  /**
   * Card, revision and media documents nest below 10 levels (their rich documents are HTML strings,
   * dates are two levels of Extended JSON); the manifest below 5.
   */
  static final int MAX_DEPTH = 32;

  /**
   * Values of one card or media entry: a revision holds a few dozen and a few per artifact, tag and
   * shared user, so this is thousands of revisions. Caps the parser's per-value memory, up to 26
   * bytes of heap per byte of text, which the byte limit alone would leave at gigabytes.
   */
  static final long MAX_VALUES = 1_000_000;

  private static final JsonLimits ENTRY = new JsonLimits(MAX_DEPTH, MAX_VALUES);

  /** What {@link Document#parse} decodes with; it takes a string, not a reader. */
  private static final Decoder<Document> CODEC =
      new DocumentCodec().withUuidRepresentation(UuidRepresentation.STANDARD);

  private ForeignJson() {}

  /**
   * A card or media entry of the bundle.
   *
   * @throws Refused naming the entry and why it cannot be read
   */
  static Document read(ZipFile zip, String name, long maxBytes) throws IOException {
    try {
      return parse(zip, name, maxBytes, ENTRY);
    } catch (Unfit e) {
      throw new Refused(name + " " + e.getMessage());
    }
  }

  /**
   * The JSON object of entry {@code name}, read through {@code maxBytes} and checked against {@code
   * shape} before it is built.
   *
   * @throws Unfit when it is larger, goes past {@code shape} or is not a JSON object
   */
  static Document parse(ZipFile zip, String name, long maxBytes, JsonLimits shape)
      throws IOException, Unfit {
    ZipEntry entry = zip.getEntry(name);
    LimitedInputStream limited = null;
    try {
      limited = new LimitedInputStream(zip.getInputStream(entry), maxBytes);
      try (Reader text = reader(limited)) {
        shape.check(text);
      }
      limited = new LimitedInputStream(zip.getInputStream(entry), maxBytes);
      try (Reader text = reader(limited)) {
        return CODEC.decode(new JsonReader(text), DecoderContext.builder().build());
      }
    } catch (JsonLimits.Exceeded e) {
      throw new Unfit(e.getMessage(), false);
    } catch (RuntimeException e) {
      if (limited != null && limited.exceeded()) {
        throw new Unfit("is larger than " + maxBytes + " bytes", true);
      }
      // Not JSON (JSON-P's errors) or JSON that is not a document (BSON's).
      throw new Unfit("is not a JSON object", false);
    }
  }

  private static Reader reader(LimitedInputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }

  static String string(Object value) {
    return value instanceof String text ? text : null;
  }

  /** An entry that cannot be read; the message follows its name, e.g. "is not a JSON object". */
  static final class Unfit extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean tooLarge;

    Unfit(String message, boolean tooLarge) {
      super(message, null, false, false);
      this.tooLarge = tooLarge;
    }

    /** Larger than the byte limit, rather than of the wrong shape. */
    boolean tooLarge() {
      return tooLarge;
    }
  }
}
