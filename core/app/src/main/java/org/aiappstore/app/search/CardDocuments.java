package org.aiappstore.app.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardContent.Visibility;
import org.aiappstore.app.model.CardViews;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.search.OwnerDirectory.Owner;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * How a card is indexed: one Lucene document per card, derived from the card alone (and its owner's
 * names), so that indexing a card twice gives the same document and the order in which replicas
 * apply changes does not matter.
 */
final class CardDocuments {

  // Identity and access
  static final String ID = "id";
  // The id's 128 bits as two numbers: the tie-break of every sort (see idBits)
  static final String ID_HIGH = "idHigh";
  static final String ID_LOW = "idLow";
  static final String VERSION = "version";
  static final String VISIBILITY = "visibility";
  static final String OWNER_ID = "ownerId";
  static final String SHARED_WITH = "sharedWith";

  // Full text; the stored ones can be highlighted
  static final String TITLE = "title";
  static final String TASK = "task";
  static final String TAGS = "tags";
  static final String FRAMEWORKS = "frameworks";
  static final String OWNER_NAMES = "ownerNames";
  static final String DESCRIPTION = "description";
  static final String SECTIONS = "sections";
  static final String DOCUMENTS = "documents";

  // Suggestions, exact title matches and sorting
  static final String TITLE_WORDS = "titleWords";
  static final String TITLE_PREFIX = "titlePrefix";
  static final String TITLE_KEY = "titleKey";
  static final String TITLE_SORT = "titleSort";

  // Filters and sorting
  static final String DEMO = "demo";
  static final String HAS_VIDEO = "hasVideo";
  static final String CREATED = "createdAt";
  static final String UPDATED = "updatedAt";

  /** The owner's id, a line break and the card's {@code CardSummary} without its owner (JSON). */
  static final String SUMMARY = "summary";

  /** Facet dimensions; their values are {@link CardAnalyzers#key keys}. */
  static final String FACET_TASK = "task";

  static final String FACET_TAGS = "tags";
  static final String FACET_FRAMEWORKS = "frameworks";
  static final String FACET_OWNER = "owner";

  /** How each facet key is written on cards ({@code dim␟key␟label}), for facet labels. */
  static final String LABELS = "labels";

  static final char SEPARATOR = FacetsConfig.DELIM_CHAR;

  private static final FieldType HIGHLIGHTED = highlighted();

  private CardDocuments() {}

  static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(FACET_TAGS, true);
    config.setMultiValued(FACET_FRAMEWORKS, true);
    return config;
  }

  /**
   * The card id as 128 bits, which sorts break ties with: comparing two numbers costs a sort far
   * less than comparing the id's text, which Lucene looks up in the doc values' compressed terms
   * for every result that enters the top of a page. Ids are random UUIDs; an id in any other form
   * (a card imported from elsewhere) is hashed to one, so two ids still differ here.
   */
  static UUID idBits(String id) {
    try {
      UUID uuid = UUID.fromString(id);
      if (uuid.toString().equals(id)) {
        return uuid;
      }
    } catch (IllegalArgumentException e) {
      // not a UUID: hashed below
    }
    return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The document of {@code card}; {@code owner} is empty when the owner's account is gone. */
  static Document of(ModelCard card, Optional<Owner> owner) {
    CardContent content = card.content();
    Document doc = new Document();
    doc.add(new StringField(ID, card.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField(ID, new BytesRef(card.id())));
    UUID bits = idBits(card.id());
    doc.add(new NumericDocValuesField(ID_HIGH, bits.getMostSignificantBits()));
    doc.add(new NumericDocValuesField(ID_LOW, bits.getLeastSignificantBits()));
    doc.add(new NumericDocValuesField(VERSION, card.version()));
    doc.add(
        new StringField(
            VISIBILITY,
            content.visibility() == Visibility.PUBLIC ? "public" : "private",
            Field.Store.NO));
    doc.add(new StringField(OWNER_ID, card.ownerId(), Field.Store.NO));
    for (String userId : content.sharedWith()) {
      doc.add(new StringField(SHARED_WITH, userId, Field.Store.NO));
    }

    highlighted(doc, TITLE, content.title());
    doc.add(new TextField(TITLE_WORDS, CardAnalyzers.prepare(content.title()), Field.Store.NO));
    doc.add(new StringField(TITLE_PREFIX, CardAnalyzers.key(content.title()), Field.Store.NO));
    doc.add(
        new StringField(TITLE_KEY, titleKey(CardAnalyzers.TEXT, content.title()), Field.Store.NO));
    doc.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(sortKey(content.title()))));
    doc.add(new TextField(TASK, CardAnalyzers.prepare(content.task()), Field.Store.NO));
    content
        .tags()
        .forEach(t -> doc.add(new TextField(TAGS, CardAnalyzers.prepare(t), Field.Store.NO)));
    content
        .frameworks()
        .forEach(f -> doc.add(new TextField(FRAMEWORKS, CardAnalyzers.prepare(f), Field.Store.NO)));
    doc.add(
        new TextField(
            OWNER_NAMES, CardAnalyzers.prepare(ownerNames(content, owner)), Field.Store.NO));
    highlighted(doc, DESCRIPTION, content.description());
    highlighted(doc, SECTIONS, sections(content));
    HtmlText.Extracted documents = HtmlText.of(content.body(), content.performance());
    highlighted(doc, DOCUMENTS, documents.text());

    doc.add(
        new StringField(
            DEMO, content.demo().type().name().toLowerCase(Locale.ROOT), Field.Store.NO));
    boolean hasVideo = content.demo().type() == DemoType.VIDEO || documents.hasVideo();
    doc.add(new StringField(HAS_VIDEO, String.valueOf(hasVideo), Field.Store.NO));
    long created = card.createdAt().toEpochMilli();
    long updated = card.updatedAt().toEpochMilli();
    doc.add(new LongPoint(CREATED, created));
    doc.add(new NumericDocValuesField(CREATED, created));
    doc.add(new LongPoint(UPDATED, updated));
    doc.add(new NumericDocValuesField(UPDATED, updated));

    facet(doc, FACET_TASK, List.of(content.task()));
    facet(doc, FACET_TAGS, content.tags());
    facet(doc, FACET_FRAMEWORKS, content.frameworks());
    doc.add(new SortedSetDocValuesFacetField(FACET_OWNER, card.ownerId()));

    // Doc values rather than stored fields: reading these few hundred bytes must not decompress
    // the card's long document text stored beside them.
    doc.add(
        new BinaryDocValuesField(
            SUMMARY,
            new BytesRef(
                card.ownerId() + '\n' + CardViews.summaryWithoutOwner(card).build().toString())));
    return doc;
  }

  private static void facet(Document doc, String dim, List<String> values) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String value : values) {
      String key = CardAnalyzers.key(value);
      if (!key.isEmpty()) {
        byKey.putIfAbsent(key, value.strip());
      }
    }
    byKey.forEach(
        (key, label) -> {
          doc.add(new SortedSetDocValuesFacetField(dim, key));
          doc.add(
              new SortedSetDocValuesField(
                  LABELS, new BytesRef(dim + SEPARATOR + key + SEPARATOR + label)));
        });
  }

  private static String ownerNames(CardContent content, Optional<Owner> owner) {
    StringJoiner names = new StringJoiner(" ");
    owner.ifPresent(o -> names.add(o.username()).add(o.displayName()));
    names.add(content.ownerDisplayName());
    return names.toString();
  }

  private static String sections(CardContent content) {
    // Blank lines between sections keep a highlighted passage within one section.
    StringJoiner text = new StringJoiner("\n\n");
    for (String section : List.of(content.explanation(), content.usage(), content.limitations())) {
      if (!section.isBlank()) {
        text.add(section);
      }
    }
    return text.toString();
  }

  /** A title as its analyzed words joined by spaces: equal for "ResNet-50" and "resnet 50". */
  static String titleKey(Analyzer analyzer, String text) {
    StringJoiner key = new StringJoiner(" ");
    try (TokenStream stream = analyzer.tokenStream(TITLE, CardAnalyzers.prepare(text))) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        key.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return key.toString();
  }

  private static String sortKey(String title) {
    String key = CardAnalyzers.key(title);
    return key.length() > 200 ? key.substring(0, 200) : key;
  }

  /**
   * Text that can be highlighted: indexed with offsets, and kept as doc values under the same name
   * (not as stored fields, which are compressed together: reading a title would mean decompressing
   * the long document text beside it).
   */
  private static void highlighted(Document doc, String name, String text) {
    doc.add(new Field(name, CardAnalyzers.prepare(text), HIGHLIGHTED));
    doc.add(new BinaryDocValuesField(name, new BytesRef(text)));
  }

  private static FieldType highlighted() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }
}
