package org.aiappstore.app.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque {@code nextCursor}: the sort values of the last result of a page (Lucene's "search
 * after"), bound to the query it came from by a checksum, so that a cursor sent with another query
 * is refused rather than silently skipping results. Every sort ends with the card id (its 128
 * bits), so no two cards have the same sort values and no result is skipped or repeated while the
 * index stays the same (a score may shift slightly when cards change between pages).
 *
 * <p>Format, base64url without padding: version byte, query checksum (int), then per sort field a
 * float (score), a long (dates, the halves of the id) or a length-prefixed UTF-8 string (title).
 */
final class SearchCursor {

  private static final byte VERSION = 2;

  private SearchCursor() {}

  static String encode(FieldDoc last, SortField[] sort, String queryKey) {
    ByteBuffer out = ByteBuffer.allocate(2048);
    out.put(VERSION).putInt(checksum(queryKey));
    for (int i = 0; i < sort.length; i++) {
      Object value = last.fields[i];
      switch (sort[i].getType()) {
        case SCORE -> out.putFloat((Float) value);
        case LONG -> out.putLong(value == null ? 0 : (Long) value);
        case STRING -> {
          BytesRef bytes = value == null ? new BytesRef() : (BytesRef) value;
          out.putShort((short) bytes.length).put(bytes.bytes, bytes.offset, bytes.length);
        }
        default -> throw new IllegalArgumentException("unsupported sort " + sort[i]);
      }
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(out.array(), out.position()));
  }

  /** The position to continue after; a 400 problem when the cursor is not one of this query's. */
  static FieldDoc decode(String cursor, SortField[] sort, String queryKey) {
    try {
      ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (in.get() != VERSION || in.getInt() != checksum(queryKey)) {
        throw invalid();
      }
      Object[] fields = new Object[sort.length];
      float score = Float.NaN;
      for (int i = 0; i < sort.length; i++) {
        switch (sort[i].getType()) {
          case SCORE -> {
            score = in.getFloat();
            fields[i] = score;
          }
          case LONG -> fields[i] = in.getLong();
          case STRING -> {
            byte[] bytes = new byte[in.getShort()];
            in.get(bytes);
            fields[i] = new BytesRef(bytes);
          }
          default -> throw new IllegalArgumentException("unsupported sort " + sort[i]);
        }
      }
      if (in.hasRemaining()) {
        throw invalid();
      }
      // Every sort ends with the unique card id's bits, so the document number never decides.
      return new FieldDoc(Integer.MAX_VALUE, score, fields);
    } catch (RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      throw invalid();
    }
  }

  private static int checksum(String queryKey) {
    CRC32 crc = new CRC32();
    crc.update(queryKey.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static ProblemException invalid() {
    return SearchRequest.invalid(
        List.of(
            new Problem.FieldError(
                "/cursor", "is not a cursor of this query; start again without it")));
  }
}
