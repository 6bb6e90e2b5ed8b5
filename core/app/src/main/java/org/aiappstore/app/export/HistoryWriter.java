package org.aiappstore.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bson.Document;

/**
 * Writes a card's history into the bundle revision by revision, as it comes from the database: a
 * new part ({@link BundleFormat#revisions(String, int)}) starts whenever the next revision would
 * take the current one past {@code partBytes}. So that every part stays within what an import
 * parses as one entry, and only one revision is held in memory however long the history is.
 */
final class HistoryWriter implements AutoCloseable {

  private static final byte[] START = "{\"revisions\": [".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEPARATOR = ", ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

  private final BundleWriter writer;
  private final String cardId;
  private final long partBytes;
  private OutputStream part;
  private long partSize;
  private int parts;
  private int revisions;

  HistoryWriter(BundleWriter writer, String cardId, long partBytes) {
    this.writer = writer;
    this.cardId = cardId;
    this.partBytes = partBytes;
  }

  void add(Document revision) throws IOException {
    byte[] json = BundleFormat.json(revision).getBytes(StandardCharsets.UTF_8);
    if (part != null && partSize + SEPARATOR.length + json.length + END.length > partBytes) {
      endPart();
    }
    if (part == null) {
      startPart();
    } else {
      write(SEPARATOR);
    }
    write(json);
    revisions++;
  }

  /** How many revisions were written. */
  int revisions() {
    return revisions;
  }

  /** Ends the last part; a card without revisions still gets its (empty) {@code revisions.json}. */
  @Override
  public void close() throws IOException {
    if (part == null && parts == 0) {
      startPart();
    }
    if (part != null) {
      endPart();
    }
  }

  private void startPart() throws IOException {
    parts++;
    part = writer.open(BundleFormat.revisions(cardId, parts));
    partSize = 0;
    write(START);
  }

  private void endPart() throws IOException {
    write(END);
    part.close();
    part = null;
  }

  private void write(byte[] bytes) throws IOException {
    part.write(bytes);
    partSize += bytes.length;
  }
}
