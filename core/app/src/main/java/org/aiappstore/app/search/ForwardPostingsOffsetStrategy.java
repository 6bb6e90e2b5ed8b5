package org.aiappstore.app.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PhraseHelper;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Offsets from the postings, as Lucene's {@code PostingsOffsetStrategy} reads them, but each word's
 * postings are opened once per index segment and read forward from one document to the next, where
 * Lucene opens a terms dictionary and a postings reader for every word of every document. Opening
 * them was most of the cost of highlighting a page: the highlighter visits the documents of a page
 * in doc id order, so reading forward sees every one of them.
 *
 * <p>Words of phrases ("resnet 50") still go through Lucene's phrase helper per document, which
 * keeps their highlights exactly as before.
 */
final class ForwardPostingsOffsetStrategy extends FieldOffsetStrategy {

  private final BytesRef[] terms;
  private LeafReader leaf;
  private int lastDoc = -1;
  private PostingsEnum[] postings;

  ForwardPostingsOffsetStrategy(UHComponents components) {
    super(components);
    PhraseHelper phrases = components.getPhraseHelper();
    this.terms =
        phrases.hasPositionSensitivity()
            ? phrases.getAllPositionInsensitiveTerms()
            : components.getTerms();
  }

  /** Whether this strategy does what the components ask (no automata, no weight matches). */
  static boolean handles(UHComponents components) {
    return components.getAutomata().length == 0
        && !components
            .getHighlightFlags()
            .contains(UnifiedHighlighter.HighlightFlag.WEIGHT_MATCHES);
  }

  @Override
  public UnifiedHighlighter.OffsetSource getOffsetSource() {
    return UnifiedHighlighter.OffsetSource.POSTINGS;
  }

  @Override
  public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
    if (reader != leaf || doc <= lastDoc) {
      open(reader);
    }
    lastDoc = doc;
    List<OffsetsEnum> enums = new ArrayList<>();
    for (int i = 0; i < postings.length; i++) {
      PostingsEnum term = postings[i];
      if (term == null) {
        continue;
      }
      int at = term.docID() < doc ? term.advance(doc) : term.docID();
      if (at == doc) {
        enums.add(new OffsetsEnum.OfPostings(terms[i], term));
      } else if (at == DocIdSetIterator.NO_MORE_DOCS) {
        postings[i] = null;
      }
    }
    PhraseHelper phrases = components.getPhraseHelper();
    if (phrases.hasPositionSensitivity()) {
      phrases.createOffsetsEnumsForSpans(reader, doc, enums);
    }
    switch (enums.size()) {
      case 0:
        return OffsetsEnum.EMPTY;
      case 1:
        return enums.get(0);
      default:
        return new OffsetsEnum.MultiOffsetsEnum(enums);
    }
  }

  private void open(LeafReader reader) throws IOException {
    leaf = reader;
    lastDoc = -1;
    postings = new PostingsEnum[terms.length];
    Terms index = reader.terms(getField());
    if (index == null) {
      return;
    }
    TermsEnum dictionary = index.iterator();
    for (int i = 0; i < postings.length; i++) {
      if (dictionary.seekExact(terms[i])) {
        postings[i] = dictionary.postings(null, PostingsEnum.OFFSETS);
        if (postings[i] == null) {
          throw new IllegalArgumentException(
              "field '" + getField() + "' was indexed without offsets, cannot highlight");
        }
      }
    }
  }
}
