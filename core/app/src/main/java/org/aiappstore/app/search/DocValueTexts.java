package org.aiappstore.app.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;

/**
 * The texts a binary doc-values field keeps (UTF-8), read by document. One reader serves a segment
 * while the documents asked for go forward: Lucene gives each reader a buffer as long as the
 * field's longest value, tens of kilobytes for the documents field, which a reader per document
 * made most of what a search allocated. The bytes are decoded straight into a string (no char array
 * between).
 */
final class DocValueTexts {

  private final List<LeafReaderContext> leaves;
  private final String field;
  private int leaf = -1;
  private int lastDoc = -1;
  private BinaryDocValues values;

  DocValueTexts(IndexReader reader, String field) {
    this.leaves = reader.leaves();
    this.field = field;
  }

  /** The text of document {@code doc} (an id of the whole index); null when it has none. */
  String get(int doc) throws IOException {
    int index = ReaderUtil.subIndex(doc, leaves);
    LeafReaderContext context = leaves.get(index);
    int local = doc - context.docBase;
    if (index != leaf || local <= lastDoc) {
      values = DocValues.getBinary(context.reader(), field);
      leaf = index;
    }
    lastDoc = local;
    if (!values.advanceExact(local)) {
      return null;
    }
    BytesRef bytes = values.binaryValue();
    return new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
  }
}
