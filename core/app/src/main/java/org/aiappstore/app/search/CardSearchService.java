package org.aiappstore.app.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardAccess;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.search.SearchIndex.CardSearcher;
import org.aiappstore.app.search.SearchRequest.SortOrder;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Searching, suggesting and the dashboard, all over the {@link SearchIndex} and all limited to the
 * cards the caller may see ({@link CardAccess}: public, their own, shared with them; everything for
 * admins). The visibility rule is a filter inside every query, so results, totals, facet counts and
 * suggestions never count a card the caller cannot open.
 *
 * <p>Facets: the counts of task, frameworks and owner (filters that combine with OR) are computed
 * as if that facet's own filter were not set, so a user sees how many cards each other choice would
 * add; the counts of tags (which combine with AND) honour the tag filter, so they say how many
 * results remain when one more tag is added.
 */
@ApplicationScoped
public class CardSearchService {

  /** Looked up once: {@code Json.*} searches the class path for a provider on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final int TASK_FACETS = 50;
  static final int FRAMEWORK_FACETS = 30;
  static final int OWNER_FACETS = 20;
  static final int TAG_FACETS = 20;
  public static final int SUGGEST_TEXT_MAX = 100;
  public static final int SUGGEST_SIZE_MAX = 20;
  public static final int DASHBOARD_SIZE_MAX = 50;

  private static final FacetsConfig FACETS = CardDocuments.facetsConfig();
  private static final String[] SNIPPET_FIELDS = {
    CardDocuments.TITLE, CardDocuments.DESCRIPTION, CardDocuments.SECTIONS, CardDocuments.DOCUMENTS
  };
  private static final String[] SHORT_FIELDS = {CardDocuments.TITLE, CardDocuments.DESCRIPTION};
  private static final String[] LONG_FIELDS = {CardDocuments.SECTIONS, CardDocuments.DOCUMENTS};
  private static final int SNIPPET_LENGTH = 160;
  private static final int SNIPPET_SOURCE_MAX = 30_000;

  @Inject SearchIndexer indexer;
  @Inject OwnerDirectory owners;

  /**
   * Searches running at once: one per core. A search only computes, so more at a time would only
   * share the cores and stretch each of them; waiting in line (first come, first served) instead
   * keeps the slowest answers close to the typical one when many users search together.
   */
  private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

  public CardSearchService() {}

  public CardSearchService(SearchIndexer indexer, OwnerDirectory owners) {
    this.indexer = indexer;
    this.owners = owners;
  }

  /** One facet value: the key to filter by, how cards write it, and how many results have it. */
  public record FacetValue(String value, String label, long count) {}

  /** Facet counts of one search. */
  public record FacetCounts(
      List<FacetValue> task,
      List<FacetValue> frameworks,
      List<FacetValue> owner,
      List<FacetValue> tags) {

    static final FacetCounts NONE = new FacetCounts(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * One result: its {@code CardSummary} (as JSON text), its score (null without text), and
   * highlighted snippets by field (HTML: the text escaped, matches in {@code <mark>}).
   */
  public record Hit(String summaryJson, Float score, Map<String, String> snippets) {

    /** The summary as an object. */
    public JsonObject summary() {
      return parse(summaryJson);
    }
  }

  /** A page of results; {@code page} is null when the page was asked for with a cursor. */
  public record SearchResult(
      List<Hit> hits, long total, Integer page, int size, String nextCursor, FacetCounts facets) {}

  /** Titles and tags that start with what the user typed. */
  public record Suggestions(List<JsonObject> titles, List<FacetValue> tags) {}

  /** What the start page shows a signed-in user. */
  public record Dashboard(
      List<JsonObject> recent, List<JsonObject> mine, long mineTotal, List<FacetValue> tasks) {}

  public SearchResult search(Caller caller, SearchRequest request) {
    return withIndex(index -> index.search(searcher -> search(searcher, caller, request)));
  }

  private SearchResult search(CardSearcher searcher, Caller caller, SearchRequest request)
      throws IOException {
    TextQuery typed = TextQuery.parse(request.text());
    Query text = typed.toQuery();
    Sort sort = sortOf(request.sort(), text != null);
    boolean byScore = sort.getSort()[0].getType() == SortField.Type.SCORE;
    FieldDoc after =
        request.cursor() == null
            ? null
            : SearchCursor.decode(request.cursor(), sort.getSort(), request.queryKey());
    if (searcher.facetState() == null) {
      // Nothing has been indexed yet (faceting needs at least one card).
      return new SearchResult(
          List.of(),
          0,
          after == null ? request.page() : null,
          request.size(),
          null,
          FacetCounts.NONE);
    }
    DrillDownQuery query =
        new DrillDownQuery(FACETS, searcher.withTermStates(baseQuery(caller, request, text)));
    request.tasks().forEach(t -> query.add(CardDocuments.FACET_TASK, CardAnalyzers.key(t)));
    request
        .frameworks()
        .forEach(f -> query.add(CardDocuments.FACET_FRAMEWORKS, CardAnalyzers.key(f)));
    if (request.owner() != null) {
      query.add(CardDocuments.FACET_OWNER, ownerId(caller, request.owner()));
    }

    int offset = after == null ? request.page() * request.size() : 0;
    DrillSideways sideways = new DrillSideways(searcher, FACETS, searcher.facetState());
    DrillSideways.DrillSidewaysResult result =
        // Scores come with the relevance sort; computing them for other sorts would cost a second
        // pass over the query for every page.
        // One hit past the page tells whether another follows: after a cursor the total also
        // counts the hits before it, so it cannot tell.
        sideways.search(query, null, after, offset + request.size() + 1, sort, false);
    TopFieldDocs top = (TopFieldDocs) result.hits;
    int end = Math.min(offset + request.size(), top.scoreDocs.length);
    ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(offset, end), end);
    boolean more = top.scoreDocs.length > offset + request.size();
    long total = top.totalHits.value;

    List<Map<String, String>> snippets =
        snippets(
            searcher, text == null ? null : typed.highlightQuery(List.of(SNIPPET_FIELDS)), page);
    List<Hit> hits = new ArrayList<>();
    DocValueTexts summaries = new DocValueTexts(searcher.getIndexReader(), CardDocuments.SUMMARY);
    for (int i = 0; i < page.length; i++) {
      Float score = byScore ? (Float) ((FieldDoc) page[i]).fields[0] : null;
      hits.add(new Hit(summaryJson(summaries, page[i].doc), score, snippets.get(i)));
    }
    String next = null;
    if (more) {
      next =
          SearchCursor.encode((FieldDoc) page[page.length - 1], sort.getSort(), request.queryKey());
    }
    return new SearchResult(
        hits,
        total,
        after == null ? request.page() : null,
        request.size(),
        next,
        facets(searcher, result.facets));
  }

  private Query baseQuery(Caller caller, SearchRequest request, Query text) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
    Query visible = visibleTo(caller);
    if (visible != null) {
      query.add(visible, Occur.FILTER);
    }
    for (String tag : request.tags()) {
      query.add(facetTerm(CardDocuments.FACET_TAGS, CardAnalyzers.key(tag)), Occur.FILTER);
    }
    if (request.hasDemoApp() != null) {
      query.add(
          new TermQuery(new Term(CardDocuments.DEMO, "app")),
          request.hasDemoApp() ? Occur.FILTER : Occur.MUST_NOT);
    }
    if (request.hasVideo() != null) {
      query.add(
          new TermQuery(new Term(CardDocuments.HAS_VIDEO, request.hasVideo().toString())),
          Occur.FILTER);
    }
    if (request.updatedAfter() != null || request.updatedBefore() != null) {
      long from =
          request.updatedAfter() == null ? Long.MIN_VALUE : request.updatedAfter().toEpochMilli();
      long to =
          request.updatedBefore() == null
              ? Long.MAX_VALUE
              : request.updatedBefore().toEpochMilli() - 1;
      query.add(LongPoint.newRangeQuery(CardDocuments.UPDATED, from, to), Occur.FILTER);
    }
    return query.build();
  }

  /** The visibility rule of {@link CardAccess#canRead} as a query; null for admins. */
  static Query visibleTo(Caller caller) {
    if (CardAccess.isAdmin(caller)) {
      return null;
    }
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(CardDocuments.VISIBILITY, "public")), Occur.SHOULD)
        .add(new TermQuery(new Term(CardDocuments.OWNER_ID, caller.userId())), Occur.SHOULD)
        .add(new TermQuery(new Term(CardDocuments.SHARED_WITH, caller.userId())), Occur.SHOULD)
        .setMinimumNumberShouldMatch(1)
        .build();
  }

  private static Query facetTerm(String dim, String key) {
    return new TermQuery(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, dim, key));
  }

  /** The owner's id; for an unknown username one that no card has, so nothing matches. */
  private String ownerId(Caller caller, String owner) {
    if ("me".equals(owner)) {
      return caller.userId();
    }
    return owners.byUsername(owner).map(OwnerDirectory.Owner::id).orElse("\u0000unknown");
  }

  static Sort sortOf(SortOrder order, boolean hasText) {
    // The card id (as its 128 bits) breaks ties, so every card has a place of its own in the order.
    SortField idHigh = new SortField(CardDocuments.ID_HIGH, SortField.Type.LONG);
    SortField idLow = new SortField(CardDocuments.ID_LOW, SortField.Type.LONG);
    SortField updated = new SortField(CardDocuments.UPDATED, SortField.Type.LONG, true);
    return switch (order) {
      case RELEVANCE ->
          hasText
              ? new Sort(SortField.FIELD_SCORE, updated, idHigh, idLow)
              : new Sort(updated, idHigh, idLow);
      case NEWEST ->
          new Sort(new SortField(CardDocuments.CREATED, SortField.Type.LONG, true), idHigh, idLow);
      case UPDATED -> new Sort(updated, idHigh, idLow);
      case TITLE ->
          new Sort(new SortField(CardDocuments.TITLE_SORT, SortField.Type.STRING), idHigh, idLow);
    };
  }

  private FacetCounts facets(CardSearcher searcher, Facets facets) throws IOException {
    return new FacetCounts(
        keyed(searcher, facets, CardDocuments.FACET_TASK, TASK_FACETS),
        keyed(searcher, facets, CardDocuments.FACET_FRAMEWORKS, FRAMEWORK_FACETS),
        ownerFacet(facets),
        keyed(searcher, facets, CardDocuments.FACET_TAGS, TAG_FACETS));
  }

  private static List<FacetValue> keyed(CardSearcher searcher, Facets facets, String dim, int top)
      throws IOException {
    List<FacetValue> values = new ArrayList<>();
    for (LabelAndValue entry : topChildren(facets, dim, top)) {
      values.add(
          new FacetValue(entry.label, searcher.label(dim, entry.label), entry.value.longValue()));
    }
    return values;
  }

  private List<FacetValue> ownerFacet(Facets facets) throws IOException {
    List<FacetValue> values = new ArrayList<>();
    for (LabelAndValue entry : topChildren(facets, CardDocuments.FACET_OWNER, OWNER_FACETS)) {
      // Cards of deleted accounts are found, but cannot be filtered by owner name.
      owners
          .byId(entry.label)
          .ifPresent(
              o ->
                  values.add(
                      new FacetValue(o.username(), o.displayName(), entry.value.longValue())));
    }
    return values;
  }

  private static LabelAndValue[] topChildren(Facets facets, String dim, int top)
      throws IOException {
    try {
      FacetResult result = facets.getTopChildren(top, dim);
      return result == null ? new LabelAndValue[0] : result.labelValues;
    } catch (IllegalArgumentException e) {
      return new LabelAndValue[0]; // no card has a value of this dimension yet
    }
  }

  /**
   * The snippets of each hit, in order; empty maps without text. The title and description are
   * highlighted for every hit; the longer sections and documents only for hits whose description
   * shows no match, since finding passages in them is most of the cost of highlighting.
   */
  private static List<Map<String, String>> snippets(
      CardSearcher searcher, Query text, ScoreDoc[] hits) throws IOException {
    List<Map<String, String>> snippets = new ArrayList<>();
    for (int i = 0; i < hits.length; i++) {
      snippets.add(new LinkedHashMap<>());
    }
    if (text == null || hits.length == 0) {
      return snippets;
    }
    Highlighter highlighter = new Highlighter(searcher);
    int[] docs = Arrays.stream(hits).mapToInt(h -> h.doc).toArray();
    collect(snippets, highlighter, SHORT_FIELDS, text, docs);
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < hits.length; i++) {
      if (!snippets.get(i).containsKey(CardDocuments.DESCRIPTION)) {
        rest.add(i);
      }
    }
    if (!rest.isEmpty()) {
      int[] restDocs = rest.stream().mapToInt(i -> docs[i]).toArray();
      List<Map<String, String>> restSnippets = new ArrayList<>();
      rest.forEach(i -> restSnippets.add(snippets.get(i)));
      collect(restSnippets, highlighter, LONG_FIELDS, text, restDocs);
    }
    return snippets;
  }

  private static void collect(
      List<Map<String, String>> snippets,
      Highlighter highlighter,
      String[] fields,
      Query text,
      int[] docs)
      throws IOException {
    int[] passages = new int[fields.length];
    Arrays.fill(passages, 1);
    Map<String, String[]> byField = highlighter.highlightFields(fields, text, docs, passages);
    for (int i = 0; i < docs.length; i++) {
      for (String field : fields) {
        String snippet = byField.get(field)[i];
        if (snippet != null && snippet.contains("<mark>")) {
          snippets.get(i).put(field, snippet);
        }
      }
    }
  }

  /**
   * Highlights over the stored text using the offsets kept in the index (no re-analysis): the whole
   * title, and passages of about {@value #SNIPPET_LENGTH} characters elsewhere. The text around the
   * marks is HTML-escaped.
   */
  private static final class Highlighter extends UnifiedHighlighter {

    private final CardSearcher searcher;

    Highlighter(CardSearcher searcher) {
      super(
          UnifiedHighlighter.builder(searcher, CardAnalyzers.PER_FIELD)
              .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
              .withScorer(new PassageScorerWithoutHashing())
              // Matching terms per field rather than the whole query's matches per field and
              // document: the query spans eight fields, which made highlighting cost most of a
              // search.
              .withWeightMatches(false)
              .withMaxNoHighlightPassages(0)
              .withMaxLength(SNIPPET_SOURCE_MAX));
      this.searcher = searcher;
    }

    @Override
    protected FieldInfo getFieldInfo(String field) {
      return searcher.fieldInfos().fieldInfo(field);
    }

    /**
     * The texts from doc values, where {@link CardDocuments} keeps them instead of stored fields.
     */
    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docs, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      DocValueTexts[] sources = new DocValueTexts[fields.length];
      for (int i = 0; i < fields.length; i++) {
        sources[i] = new DocValueTexts(getIndexSearcher().getIndexReader(), fields[i]);
      }
      int chars = 0;
      do {
        int doc = docs.nextDoc();
        if (doc == DocIdSetIterator.NO_MORE_DOCS) {
          break;
        }
        CharSequence[] texts = new CharSequence[fields.length];
        for (int i = 0; i < fields.length; i++) {
          String value = sources[i].get(doc);
          if (value != null) {
            texts[i] = value.length() > getMaxLength() ? value.substring(0, getMaxLength()) : value;
            chars += texts[i].length();
          }
        }
        values.add(texts);
      } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
      return values;
    }

    @Override
    protected FieldOffsetStrategy getOffsetStrategy(
        OffsetSource offsetSource, UHComponents components) {
      if (offsetSource == OffsetSource.POSTINGS
          && ForwardPostingsOffsetStrategy.handles(components)) {
        return new ForwardPostingsOffsetStrategy(components);
      }
      return super.getOffsetStrategy(offsetSource, components);
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
      if (CardDocuments.TITLE.equals(field)) {
        return new WholeBreakIterator();
      }
      // Spaces, not sentences or the JDK's word rules: text from tables and lists has few
      // sentence ends, and the JDK's word iterator costs more than the rest of the highlighting.
      return LengthGoalBreakIterator.createClosestToLength(
          new CustomSeparatorBreakIterator(' '), SNIPPET_LENGTH, 0.3f);
    }
  }

  /**
   * Lucene's passage score, computed without the hash table (and its 32 KB buffer) that the default
   * allocates for every candidate passage: a passage has a handful of matches, so a linear scan
   * finds the distinct terms faster.
   */
  static final class PassageScorerWithoutHashing extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
      int matches = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
      double score = 0;
      for (int i = 0; i < matches; i++) {
        boolean seenBefore = false;
        int inPassage = 1;
        for (int j = 0; j < matches; j++) {
          if (j != i && terms[j].bytesEquals(terms[i])) {
            if (j < i) {
              seenBefore = true;
              break;
            }
            inPassage++;
          }
        }
        if (!seenBefore) {
          score += tf(inPassage, passage.getLength()) * weight(contentLength, freqsInDoc[i]);
        }
      }
      return (float) (score * norm(passage.getStartOffset()));
    }
  }

  /** The stored {@code CardSummary} of a document with its owner's current names. */
  private JsonObject summary(DocValueTexts summaries, int doc) throws IOException {
    return parse(summaryJson(summaries, doc));
  }

  /**
   * The same as JSON text: the summary as the index keeps it (without its owner, whose names can
   * change without the card) with the owner added as its last member.
   */
  private String summaryJson(DocValueTexts summaries, int doc) throws IOException {
    String stored = summaries.get(doc);
    if (stored == null) {
      throw new IllegalStateException("document " + doc + " has no summary");
    }
    int split = stored.indexOf('\n');
    String ownerId = stored.substring(0, split);
    String owner = owners.userJson(ownerId);
    return new StringBuilder(stored.length() + owner.length() + 10)
        .append(stored, split + 1, stored.lastIndexOf('}'))
        .append(",\"owner\":")
        .append(owner)
        .append('}')
        .toString();
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /**
   * Titles whose words start with the typed text (the last word may be unfinished), best first, and
   * tags that start with it, most used first; both only from cards the caller may see.
   */
  public Suggestions suggest(Caller caller, String typed, int size) {
    String prefix = CardAnalyzers.key(typed);
    List<String> words = words(typed);
    if (prefix.isEmpty() || words.isEmpty()) {
      return new Suggestions(List.of(), List.of());
    }
    return withIndex(
        index ->
            index.search(
                searcher -> {
                  if (searcher.facetState() == null) {
                    return new Suggestions(List.of(), List.of());
                  }
                  return new Suggestions(
                      titleSuggestions(searcher, caller, typed, words, size),
                      tagSuggestions(searcher, caller, prefix, size));
                }));
  }

  private List<JsonObject> titleSuggestions(
      CardSearcher searcher, Caller caller, String typed, List<String> words, int size)
      throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    boolean lastComplete = Character.isWhitespace(typed.charAt(typed.length() - 1));
    for (int i = 0; i < words.size(); i++) {
      Term term = new Term(CardDocuments.TITLE_WORDS, words.get(i));
      boolean last = i == words.size() - 1;
      query.add(last && !lastComplete ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
    }
    // Titles that start with exactly what was typed come first.
    query.add(
        new BoostQuery(
            new PrefixQuery(new Term(CardDocuments.TITLE_PREFIX, CardAnalyzers.key(typed))), 5f),
        Occur.SHOULD);
    Query visible = visibleTo(caller);
    if (visible != null) {
      query.add(visible, Occur.FILTER);
    }
    TopDocs top = searcher.search(query.build(), size, sortOf(SortOrder.RELEVANCE, true), false);
    List<JsonObject> titles = new ArrayList<>();
    DocValueTexts summaries = new DocValueTexts(searcher.getIndexReader(), CardDocuments.SUMMARY);
    for (ScoreDoc hit : top.scoreDocs) {
      JsonObject summary = summary(summaries, hit.doc);
      titles.add(
          JSON.createObjectBuilder()
              .add("id", summary.get("id"))
              .add("slug", summary.get("slug"))
              .add("title", summary.get("title"))
              .add("owner", summary.get("owner"))
              .build());
    }
    return titles;
  }

  private static List<FacetValue> tagSuggestions(
      CardSearcher searcher, Caller caller, String prefix, int size) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(
        new PrefixQuery(
            DrillDownQuery.term(
                FacetsConfig.DEFAULT_INDEX_FIELD_NAME, CardDocuments.FACET_TAGS, prefix)),
        Occur.MUST);
    Query visible = visibleTo(caller);
    if (visible != null) {
      query.add(visible, Occur.FILTER);
    }
    FacetsCollector collected = searcher.search(query.build(), new FacetsCollectorManager());
    FacetResult all =
        new SortedSetDocValuesFacetCounts(searcher.facetState(), collected)
            .getAllChildren(CardDocuments.FACET_TAGS);
    if (all == null) {
      return List.of();
    }
    return Arrays.stream(all.labelValues)
        .filter(entry -> entry.label.startsWith(prefix))
        .sorted(
            Comparator.comparingLong((LabelAndValue entry) -> entry.value.longValue())
                .reversed()
                .thenComparing(entry -> entry.label))
        .limit(size)
        .map(
            entry ->
                new FacetValue(
                    entry.label,
                    searcher.label(CardDocuments.FACET_TAGS, entry.label),
                    entry.value.longValue()))
        .toList();
  }

  /** The typed words as the suggestion field has them (lower case, no accents). */
  private static List<String> words(String typed) {
    List<String> words = new ArrayList<>();
    try (TokenStream stream =
        CardAnalyzers.WORDS.tokenStream(CardDocuments.TITLE_WORDS, CardAnalyzers.prepare(typed))) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && words.size() < 16) {
        words.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  /**
   * The caller's start page: the most recently updated cards they may see, their own cards (most
   * recently updated first, with how many they have) and how many cards they may see per task.
   */
  public Dashboard dashboard(Caller caller, int size) {
    return withIndex(
        index ->
            index.search(
                searcher -> {
                  Query visible = visibleTo(caller);
                  Query all = visible == null ? new MatchAllDocsQuery() : visible;
                  Sort updated = sortOf(SortOrder.UPDATED, false);
                  Query mine = new TermQuery(new Term(CardDocuments.OWNER_ID, caller.userId()));
                  List<JsonObject> recent =
                      summaries(searcher, searcher.search(all, size, updated));
                  List<JsonObject> own = summaries(searcher, searcher.search(mine, size, updated));
                  long ownTotal = searcher.count(mine);
                  List<FacetValue> tasks = List.of();
                  if (searcher.facetState() != null) {
                    FacetsCollector collected = searcher.search(all, new FacetsCollectorManager());
                    tasks =
                        keyed(
                            searcher,
                            new SortedSetDocValuesFacetCounts(searcher.facetState(), collected),
                            CardDocuments.FACET_TASK,
                            TASK_FACETS);
                  }
                  return new Dashboard(recent, own, ownTotal, tasks);
                }));
  }

  private List<JsonObject> summaries(CardSearcher searcher, TopDocs top) throws IOException {
    List<JsonObject> summaries = new ArrayList<>();
    DocValueTexts stored = new DocValueTexts(searcher.getIndexReader(), CardDocuments.SUMMARY);
    for (ScoreDoc hit : top.scoreDocs) {
      summaries.add(summary(stored, hit.doc));
    }
    return summaries;
  }

  private <T> T withIndex(IndexFunction<T> function) {
    SearchIndex index =
        indexer
            .index()
            .orElseThrow(
                () ->
                    new ProblemException(
                        503, "SEARCH_UNAVAILABLE", "Search is not available; try again later."));
    running.acquireUninterruptibly();
    try {
      return function.apply(index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      running.release();
    }
  }

  @FunctionalInterface
  private interface IndexFunction<T> {
    T apply(SearchIndex index) throws IOException;
  }
}
