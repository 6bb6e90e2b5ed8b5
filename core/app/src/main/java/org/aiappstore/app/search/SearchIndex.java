package org.aiappstore.app.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.search.OwnerDirectory.Owner;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of the cards: one writer, and searchers that see its changes once {@link
 * #refresh} is called. Each commit records which change-log entries it contains ({@code seq}, with
 * the log's {@code epoch}) and the document format, so a server that restarts knows whether the
 * index on disk can be caught up or must be rebuilt.
 *
 * <p>Thread-safe. The writer applies updates from any thread; keeping the recorded {@code seq}
 * truthful is the job of {@link SearchIndexer}.
 */
public final class SearchIndex implements Closeable {

  /** Bump when {@link CardDocuments} changes how cards are indexed: old indexes are rebuilt. */
  static final String FORMAT = "4";

  private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
  private static final String FORMAT_KEY = "format";
  private static final String SEQ_KEY = "seq";
  private static final String EPOCH_KEY = "epoch";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facets = CardDocuments.facetsConfig();
  private final Optional<Commit> opened;

  /** What a commit says about its contents. */
  public record Commit(long seq, String epoch) {}

  /**
   * Opens the index in {@code directory}, or starts an empty one when there is none, when it has
   * another format, or when it cannot be read.
   */
  public SearchIndex(Directory directory, double ramBufferMb) throws IOException {
    this.directory = directory;
    this.opened = readCommit(directory);
    IndexWriterConfig config =
        new IndexWriterConfig(CardAnalyzers.PER_FIELD)
            .setOpenMode(
                opened.isPresent()
                    ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                    : IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(ramBufferMb)
            .setMergePolicy(mergePolicy())
            .setCommitOnClose(false);
    this.writer = new IndexWriter(directory, config);
    this.searchers = new SearcherManager(writer, true, false, new CardSearcherFactory());
  }

  /**
   * Fewer segments than Lucene's default: every search looks its words up in each one, and an index
   * of cards is small enough to merge often.
   */
  private static MergePolicy mergePolicy() {
    return new TieredMergePolicy().setSegmentsPerTier(4).setMaxMergeAtOnce(4);
  }

  private static Optional<Commit> readCommit(Directory directory) {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return Optional.empty();
      }
      Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
      if (!FORMAT.equals(data.get(FORMAT_KEY)) || data.get(SEQ_KEY) == null) {
        LOG.info("The search index has another format; it will be rebuilt.");
        return Optional.empty();
      }
      return Optional.of(new Commit(Long.parseLong(data.get(SEQ_KEY)), data.get(EPOCH_KEY)));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "The search index cannot be read; it will be rebuilt.", e);
      return Optional.empty();
    }
  }

  /** The commit found when the index was opened; empty when the index must be built anew. */
  public Optional<Commit> opened() {
    return opened;
  }

  /** Indexes the card as it is now, replacing what the index had for it. */
  void put(ModelCard card, Optional<Owner> owner) throws IOException {
    writer.updateDocument(
        new Term(CardDocuments.ID, card.id()), facets.build(CardDocuments.of(card, owner)));
  }

  /**
   * Adds the card without looking for an older document of it: only for a rebuild, after {@link
   * #clear}, while nothing else writes.
   */
  void add(ModelCard card, Optional<Owner> owner) throws IOException {
    writer.addDocument(facets.build(CardDocuments.of(card, owner)));
  }

  void remove(String cardId) throws IOException {
    writer.deleteDocuments(new Term(CardDocuments.ID, cardId));
  }

  /** Changes how much the writer buffers before it writes a segment (it applies at once). */
  void ramBuffer(double megabytes) {
    writer.getConfig().setRAMBufferSizeMB(megabytes);
  }

  /**
   * Stops merging segments while a rebuild adds every card (it merges once, at the end: merging the
   * segments it writes on the way only to merge them again took a sixth of its time), or starts
   * again.
   */
  void merging(boolean on) {
    writer.getConfig().setMergePolicy(on ? mergePolicy() : NoMergePolicy.INSTANCE);
  }

  /** Drops every document; the searchers keep seeing the old ones until {@link #refresh}. */
  void clear() throws IOException {
    writer.deleteAll();
  }

  /** Starts merging the index into one segment in the background (after a rebuild). */
  void mergeInBackground() throws IOException {
    writer.forceMerge(1, false);
  }

  /** Shows searches what changed if anything did (merges included), without waiting. */
  void refreshIfChanged() throws IOException {
    searchers.maybeRefresh();
  }

  /** Makes every change so far visible to searches. */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Writes the changes so far to disk, recording that they include the log up to {@code seq}. */
  void commit(Commit commit) throws IOException {
    writer.setLiveCommitData(
        Map.of(
                FORMAT_KEY,
                FORMAT,
                SEQ_KEY,
                Long.toString(commit.seq()),
                EPOCH_KEY,
                commit.epoch() == null ? "" : commit.epoch())
            .entrySet());
    writer.commit();
  }

  /** Runs {@code search} on the current searcher (released afterwards). */
  <T> T search(SearchFunction<T> search) throws IOException {
    CardSearcher searcher = (CardSearcher) searchers.acquire();
    try {
      return search.apply(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  /** A search over one consistent view of the index. */
  @FunctionalInterface
  interface SearchFunction<T> {
    T apply(CardSearcher searcher) throws IOException;
  }

  /** The version of every indexed card by id, as searches see them now. */
  Map<String, Long> versions() throws IOException {
    return search(
        searcher -> {
          Map<String, Long> versions = new HashMap<>();
          for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            SortedDocValues ids = DocValues.getSorted(reader, CardDocuments.ID);
            NumericDocValues numbers = DocValues.getNumeric(reader, CardDocuments.VERSION);
            Bits live = reader.getLiveDocs();
            for (int doc = ids.nextDoc();
                doc != DocIdSetIterator.NO_MORE_DOCS;
                doc = ids.nextDoc()) {
              if (live == null || live.get(doc)) {
                long version = numbers.advanceExact(doc) ? numbers.longValue() : -1;
                versions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), version);
              }
            }
          }
          return versions;
        });
  }

  /** How many segments searches see now. */
  int segments() throws IOException {
    return search(searcher -> searcher.getIndexReader().leaves().size());
  }

  /** How many cards searches see now. */
  int size() throws IOException {
    return search(searcher -> searcher.getIndexReader().numDocs());
  }

  /** Drops every change since the last commit and closes the index. */
  void rollback() throws IOException {
    try {
      searchers.close();
    } finally {
      writer.rollback();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      writer.close();
    }
  }

  FacetsConfig facetsConfig() {
    return facets;
  }

  Directory directory() {
    return directory;
  }

  /**
   * A searcher with what faceting needs from its reader, computed once per refresh rather than per
   * search: the facet ordinals and the label of each facet key.
   */
  static final class CardSearcher extends IndexSearcher {

    /** Words whose statistics are kept per searcher; more than users type between refreshes. */
    static final int TERMS_CACHED = 20_000;

    private final SortedSetDocValuesReaderState facetState;
    private final Map<String, String> labels;
    private final FieldInfos fieldInfos;

    /**
     * Where each word searched for is in each segment, with its statistics: looking a word up in
     * every segment's terms dictionary for each of the eight fields a word is searched in was a
     * sixth of a search. They cannot go stale: every change to the index is seen through a new
     * searcher, which starts with an empty cache.
     */
    private final ConcurrentHashMap<Term, TermStates> termStates = new ConcurrentHashMap<>();

    CardSearcher(IndexReader reader, FacetsConfig config) throws IOException {
      super(reader);
      this.facetState = facetState(reader, config);
      this.labels = labels(reader);
      this.fieldInfos = FieldInfos.getMergedFieldInfos(reader);
    }

    /**
     * {@code query} with each of its term queries (also inside boolean, boost and disjunction
     * queries) carrying the term's statistics, looked up once per searcher. Scores are the same:
     * the statistics are those Lucene would look up itself.
     */
    Query withTermStates(Query query) throws IOException {
      if (query instanceof TermQuery) {
        Term term = ((TermQuery) query).getTerm();
        TermStates states = termStates.get(term);
        if (states == null) {
          states = TermStates.build(this, term, true);
          if (termStates.size() >= TERMS_CACHED) {
            termStates.clear(); // simpler than LRU: a full cache means unusual use
          }
          termStates.put(term, states);
        }
        return new TermQuery(term, states);
      }
      if (query instanceof BoostQuery) {
        BoostQuery boost = (BoostQuery) query;
        return new BoostQuery(withTermStates(boost.getQuery()), boost.getBoost());
      }
      if (query instanceof DisjunctionMaxQuery) {
        DisjunctionMaxQuery max = (DisjunctionMaxQuery) query;
        List<Query> disjuncts = new ArrayList<>();
        for (Query disjunct : max.getDisjuncts()) {
          disjuncts.add(withTermStates(disjunct));
        }
        return new DisjunctionMaxQuery(disjuncts, max.getTieBreakerMultiplier());
      }
      if (query instanceof BooleanQuery) {
        BooleanQuery bool = (BooleanQuery) query;
        BooleanQuery.Builder builder =
            new BooleanQuery.Builder()
                .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        for (BooleanClause clause : bool.clauses()) {
          builder.add(withTermStates(clause.getQuery()), clause.getOccur());
        }
        return builder.build();
      }
      return query;
    }

    /** The fields of all segments, merged once rather than by every search's highlighter. */
    FieldInfos fieldInfos() {
      return fieldInfos;
    }

    /** Null while no card has a facet value (an empty index). */
    SortedSetDocValuesReaderState facetState() {
      return facetState;
    }

    /** How cards write a facet key, e.g. "PyTorch" for "pytorch"; the key itself if unknown. */
    String label(String dim, String key) {
      return labels.getOrDefault(dim + CardDocuments.SEPARATOR + key, key);
    }

    private static SortedSetDocValuesReaderState facetState(IndexReader reader, FacetsConfig config)
        throws IOException {
      for (LeafReaderContext leaf : reader.leaves()) {
        if (leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME)
            != null) {
          return new DefaultSortedSetDocValuesReaderState(reader, config);
        }
      }
      return null;
    }

    /**
     * Several spellings of one key ("PyTorch", "pytorch") get the first in sort order, which
     * prefers capitals: a stable choice that does not depend on which card was written last.
     */
    private static Map<String, String> labels(IndexReader reader) throws IOException {
      Map<String, String> labels = new HashMap<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), CardDocuments.LABELS);
        TermsEnum terms = values.termsEnum();
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
          String entry = term.utf8ToString();
          int split = entry.lastIndexOf(CardDocuments.SEPARATOR);
          String dimAndKey = entry.substring(0, split);
          String label = entry.substring(split + 1);
          labels.merge(dimAndKey, label, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
      }
      return labels;
    }
  }

  private final class CardSearcherFactory extends SearcherFactory {
    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
        throws IOException {
      return new CardSearcher(reader, facets);
    }
  }
}
