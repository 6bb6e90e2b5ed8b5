package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class DocValueTextsTest {

  @Test
  void shouldReadTextsForwardBackwardAndAcrossSegments() throws IOException {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(new StandardAnalyzer())
                  .setMergePolicy(NoMergePolicy.INSTANCE))) {
        writer.addDocument(text("première"));
        writer.addDocument(new Document()); // no text
        writer.commit(); // a second segment from here
        writer.addDocument(text("third"));
        writer.addDocument(text("ünïcödé ✓"));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(2);
        DocValueTexts texts = new DocValueTexts(reader, "text");

        assertThat(texts.get(0)).isEqualTo("première");
        assertThat(texts.get(1)).isNull();
        assertThat(texts.get(3)).isEqualTo("ünïcödé ✓");
        assertThat(texts.get(2)).isEqualTo("third"); // backwards within a segment
        assertThat(texts.get(0)).isEqualTo("première"); // back to the first segment
        assertThat(texts.get(0)).isEqualTo("première"); // the same document again
      }
    }
  }

  private static Document text(String value) {
    Document doc = new Document();
    doc.add(new BinaryDocValuesField("text", new BytesRef(value)));
    return doc;
  }
}
