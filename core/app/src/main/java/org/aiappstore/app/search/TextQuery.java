package org.aiappstore.app.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * The text a user typed, turned into a ranked query without any query syntax: the text is split
 * into words at white space, and a pair of double quotes makes the words between them one phrase.
 * That is all. Every other character ({@code + - * ? ( ) [ ] : \ /}, a lone quote) is text and goes
 * through the same analysis as the cards, which keeps letters and digits only; so {@code (.*)} is
 * not a pattern but a "word" without letters, which matches nothing.
 *
 * <p>Every word (or phrase) must occur in some field; where it occurs decides the score: the title
 * counts most, then tags, frameworks, task and owner, then the description, the other sections and
 * last the documents. A title equal to the whole text scores far above everything else, and all
 * words close together in the title score above words scattered over it.
 */
final class TextQuery {

  /** Fields words are looked up in, with their weight. */
  static final Map<String, Float> FIELDS =
      Map.of(
          CardDocuments.TITLE, 6f,
          CardDocuments.TAGS, 3f,
          CardDocuments.FRAMEWORKS, 3f,
          CardDocuments.TASK, 2f,
          CardDocuments.OWNER_NAMES, 2f,
          CardDocuments.DESCRIPTION, 1.5f,
          CardDocuments.SECTIONS, 1f,
          CardDocuments.DOCUMENTS, 0.6f);

  private static final float EXACT_TITLE_BOOST = 20f;
  private static final float TITLE_PHRASE_BOOST = 4f;
  private static final int TITLE_PHRASE_SLOP = 2;
  private static final float TIE_BREAKER = 0.2f;
  private static final int MAX_PARTS = 32;

  private final List<Part> parts;
  private final boolean blank;

  /** A word, or the words of a quoted phrase. */
  record Part(String text, boolean quoted) {}

  private TextQuery(List<Part> parts, boolean blank) {
    this.parts = List.copyOf(parts);
    this.blank = blank;
  }

  /** Splits {@code text} into words and quoted phrases; at most {@value #MAX_PARTS} are kept. */
  static TextQuery parse(String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length() && parts.size() < MAX_PARTS) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' && text.indexOf('"', i + 1) > i + 1) {
        int end = text.indexOf('"', i + 1);
        parts.add(new Part(text.substring(i + 1, end), true));
        i = end + 1;
      } else {
        int end = i;
        while (end < text.length()
            && !Character.isWhitespace(text.charAt(end))
            && !(text.charAt(end) == '"' && end > i)) {
          end++;
        }
        String word = text.substring(i, end);
        parts.add(new Part(word.equals("\"") ? "" : word, false));
        i = end;
      }
    }
    return new TextQuery(parts.stream().filter(p -> !p.text().isBlank()).toList(), text.isBlank());
  }

  List<Part> parts() {
    return parts;
  }

  /**
   * What to highlight in {@code fields}: each searchable part in each of those fields, without the
   * ranking extras (exact title, title phrase), which would only make highlighting slower.
   */
  Query highlightQuery(List<String> fields) {
    QueryBuilder builder = new QueryBuilder(CardAnalyzers.TEXT);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (Part part : parts) {
      for (String field : fields) {
        Query q = builder.createPhraseQuery(field, CardAnalyzers.prepare(part.text()));
        if (q != null) {
          query.add(q, Occur.SHOULD);
        }
      }
    }
    return query.build();
  }

  /**
   * The ranked query; null when there is no text at all, a query matching nothing when the text has
   * no searchable word (only punctuation, quotes or stop words).
   */
  Query toQuery() {
    if (blank) {
      return null;
    }
    QueryBuilder builder = new QueryBuilder(CardAnalyzers.TEXT);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    List<String> searchable = new ArrayList<>();
    for (Part part : parts) {
      List<Query> perField = new ArrayList<>();
      FIELDS.forEach(
          (field, weight) -> {
            Query q = builder.createPhraseQuery(field, CardAnalyzers.prepare(part.text()));
            if (q != null) {
              perField.add(new BoostQuery(q, weight));
            }
          });
      if (!perField.isEmpty()) {
        query.add(new DisjunctionMaxQuery(perField, TIE_BREAKER), Occur.MUST);
        searchable.add(part.text());
      }
    }
    if (searchable.isEmpty()) {
      return new MatchNoDocsQuery("no searchable word");
    }
    String all = String.join(" ", searchable);
    query.add(
        new BoostQuery(
            new TermQuery(
                new Term(CardDocuments.TITLE_KEY, CardDocuments.titleKey(CardAnalyzers.TEXT, all))),
            EXACT_TITLE_BOOST),
        Occur.SHOULD);
    if (searchable.size() > 1) {
      Query phrase =
          builder.createPhraseQuery(
              CardDocuments.TITLE, CardAnalyzers.prepare(all), TITLE_PHRASE_SLOP);
      if (phrase != null) {
        query.add(new BoostQuery(phrase, TITLE_PHRASE_BOOST), Occur.SHOULD);
      }
    }
    return query.build();
  }
}
