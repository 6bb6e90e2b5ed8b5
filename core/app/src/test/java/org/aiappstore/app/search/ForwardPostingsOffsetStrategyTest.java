package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forward-reading offsets must give exactly the highlights of Lucene's own postings strategy,
 * over several segments, for words and phrases, for documents with and without matches.
 */
class ForwardPostingsOffsetStrategyTest {

  private static final String[] WORDS = {
    "resnet", "50", "satellite", "object", "detection", "model", "trained", "on", "data", "the"
  };
  private static final FieldType OFFSETS = offsets();

  private Directory directory;
  private DirectoryReader reader;

  @BeforeEach
  void index() throws IOException {
    directory = new ByteBuffersDirectory();
    Random random = new Random(42);
    IndexWriterConfig config =
        new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int doc = 0; doc < 300; doc++) {
        Document document = new Document();
        document.add(new Field("text", sentence(random, 5 + random.nextInt(60)), OFFSETS));
        if (random.nextBoolean()) {
          document.add(new Field("title", sentence(random, 4), OFFSETS));
        }
        writer.addDocument(document);
        if (doc % 70 == 69) {
          writer.commit(); // a new segment
        }
      }
    }
    reader = DirectoryReader.open(directory);
    assertThat(reader.leaves()).hasSizeGreaterThan(3);
  }

  @AfterEach
  void close() throws IOException {
    reader.close();
    directory.close();
  }

  @Test
  void shouldHighlightWordsAndPhrasesAsLuceneDoesOverEverySegment() throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String field : List.of("text", "title")) {
      query.add(new TermQuery(new Term(field, "satellite")), Occur.SHOULD);
      query.add(new TermQuery(new Term(field, "detection")), Occur.SHOULD);
      query.add(new PhraseQuery(field, "resnet", "50"), Occur.SHOULD);
    }
    Query text = query.build();
    int[] docs = new int[reader.maxDoc() / 3];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = (i * 7) % reader.maxDoc(); // not in doc id order: the highlighter sorts them
    }
    String[] fields = {"text", "title"};
    int[] passages = {2, 1};

    Map<String, String[]> lucene =
        highlighter(searcher, false).highlightFields(fields, text, docs, passages);
    Map<String, String[]> forward =
        highlighter(searcher, true).highlightFields(fields, text, docs, passages);

    assertThat(forward.get("text")).containsExactly(lucene.get("text"));
    assertThat(forward.get("title")).containsExactly(lucene.get("title"));
    List<String> marked = new ArrayList<>();
    for (String snippet : lucene.get("text")) {
      if (snippet != null && snippet.contains("<b>")) {
        marked.add(snippet);
      }
    }
    assertThat(marked).hasSizeGreaterThan(docs.length / 4);
    assertThat(String.join(" ", marked)).contains("<b>resnet</b> <b>50</b>");
  }

  private static UnifiedHighlighter highlighter(IndexSearcher searcher, boolean forward) {
    UnifiedHighlighter.Builder builder =
        UnifiedHighlighter.builder(searcher, new StandardAnalyzer())
            .withWeightMatches(false)
            .withMaxNoHighlightPassages(0);
    if (!forward) {
      return builder.build();
    }
    return new UnifiedHighlighter(builder) {
      @Override
      protected FieldOffsetStrategy getOffsetStrategy(
          OffsetSource offsetSource, UHComponents components) {
        assertThat(offsetSource).isEqualTo(OffsetSource.POSTINGS);
        assertThat(ForwardPostingsOffsetStrategy.handles(components)).isTrue();
        return new ForwardPostingsOffsetStrategy(components);
      }
    };
  }

  private static String sentence(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  private static FieldType offsets() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }
}
