package org.aiappstore.app.search;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.search.CardChangeLog.Change;
import org.aiappstore.app.search.CardChangeLog.Head;
import org.aiappstore.app.search.SearchIndex.Commit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Keeps this server's {@link SearchIndex} in step with the cards in the database, which stay the
 * source of truth:
 *
 * <ul>
 *   <li>A card written here is recorded in the {@link CardChangeLog} and indexed at once, before
 *       the write's answer leaves, so its author finds it immediately.
 *   <li>A poll every few hundred milliseconds applies the log entries written by every replica.
 *       Applying an entry means reading the card as it is now and indexing that (or removing it),
 *       so entries can be applied twice and in any order; a per-card lock makes the later read
 *       always win.
 *   <li>The index remembers the highest number up to which it has applied every entry (the
 *       watermark; committed with the index). Numbers are taken before entries are written, so an
 *       entry can appear after higher ones: entries above a hole are applied at once but the
 *       watermark waits at the hole, for up to {@link #GAP_TIMEOUT}, after which the writer is
 *       presumed gone.
 *   <li>At start the index is rebuilt when it is missing, of another format or another database, or
 *       further behind than the log reaches back; otherwise it catches up. A periodic reconcile
 *       compares every card's version with the index and repairs differences, which covers a server
 *       that stopped between writing a card and recording the change.
 * </ul>
 */
@ApplicationScoped
public class SearchIndexer {

  static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);

  /** Cards per task of a rebuild, and tasks at once (reading the database is a third thread). */
  private static final int REBUILD_BATCH = 64;

  private static final int REBUILD_THREADS = 2;
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration TRIM_INTERVAL = Duration.ofHours(1);
  private static final int BATCH = 1000;
  private static final Logger LOG = Logger.getLogger(SearchIndexer.class.getName());

  @Inject CardChangeLog log;
  @Inject CardRepository cards;
  @Inject OwnerDirectory owners;
  @Inject AppSettings settings;

  @Resource ManagedScheduledExecutorService managedScheduler;

  private final Clock clock;
  private final ReentrantReadWriteLock rebuildLock = new ReentrantReadWriteLock();
  private final ReentrantLock catchUpLock = new ReentrantLock();
  private final Object[] cardLocks = new Object[64];

  private volatile SearchIndex index;
  private volatile Directory directory;
  private volatile double ramBufferMb = 16;
  private volatile boolean ready;
  private volatile ExecutorService rebuildWorkers;
  private Periodic schedule;
  private Duration retention = Duration.ofDays(7);
  private Duration reconcileInterval = Duration.ofMinutes(15);

  // Guarded by catchUpLock (or by the rebuild lock's write side).
  private long watermark;
  private String epoch;
  private final TreeSet<Long> appliedAbove = new TreeSet<>();
  private Instant gapSince;
  private boolean dirty;
  private Instant lastCommit = Instant.EPOCH;
  private Instant lastTrim = Instant.EPOCH;
  private Instant lastReconcile;

  public SearchIndexer() {
    this(Clock.systemUTC());
  }

  SearchIndexer(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < cardLocks.length; i++) {
      cardLocks[i] = new Object();
    }
  }

  /**
   * An indexer outside CDI, for tests: call {@link #open} and then {@link #tick} or {@link
   * #startPolling}.
   */
  public SearchIndexer(
      CardChangeLog log, CardRepository cards, OwnerDirectory owners, Clock clock) {
    this(clock);
    this.log = log;
    this.cards = cards;
    this.owners = owners;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Path path =
        settings
            .optional(ConfigKey.SEARCH_INDEX_DIR)
            .map(p -> Path.of(p).toAbsolutePath().normalize())
            .orElseGet(() -> settings.dataDir().resolve("search-index"));
    retention = Duration.ofHours(settings.integer(ConfigKey.SEARCH_CHANGE_LOG_RETENTION_HOURS));
    reconcileInterval = Duration.ofMinutes(settings.integer(ConfigKey.SEARCH_RECONCILE_MINUTES));
    try {
      Files.createDirectories(path);
      open(FSDirectory.open(path), settings.integer(ConfigKey.SEARCH_RAM_BUFFER_MB));
    } catch (IOException e) {
      // Search answers 503 until a restart fixes this (e.g. another server holds the directory).
      LOG.log(Level.SEVERE, "The search index at " + path + " cannot be opened.", e);
      return;
    }
    LOG.info(() -> "Search index at " + path);
    setRebuildWorkers(managedScheduler);
    startPolling(
        managedScheduler,
        Duration.ofMillis(Math.max(50, settings.integer(ConfigKey.SEARCH_POLL_MILLIS))));
  }

  /** Opens (or creates) the index in {@code directory}; the first {@link #tick} builds it. */
  public void open(Directory directory, double ramBufferMb) throws IOException {
    this.directory = directory;
    this.ramBufferMb = ramBufferMb;
    this.index = new SearchIndex(directory, ramBufferMb);
  }

  /** Lets rebuilds build documents on {@code workers}' threads; without, a rebuild uses one. */
  public void setRebuildWorkers(ExecutorService workers) {
    this.rebuildWorkers = workers;
  }

  /** Runs {@link #tick} every {@code interval} on {@code scheduler}. */
  public synchronized void startPolling(ScheduledExecutorService scheduler, Duration interval) {
    schedule =
        Periodic.start(
            scheduler, "Search index update", Duration.ZERO, interval, LOG, this::tickUnchecked);
  }

  void setReconcileInterval(Duration interval) {
    this.reconcileInterval = interval;
  }

  /** Stops polling before the beans it uses (the database client) are destroyed. */
  void beforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    stop();
  }

  @PreDestroy
  public synchronized void stop() {
    if (schedule != null) {
      schedule.stop();
      schedule = null;
    }
    SearchIndex current = index;
    if (current == null) {
      return;
    }
    rebuildLock.writeLock().lock();
    try {
      if (ready) {
        current.commit(new Commit(watermark, epoch));
      }
      current.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "Closing the search index failed; it is caught up at the next start.", e);
    } finally {
      index = null;
      rebuildLock.writeLock().unlock();
    }
  }

  /** The index searches use; empty when it could not be opened. */
  public Optional<SearchIndex> index() {
    return Optional.ofNullable(index);
  }

  /** Whether the index has been built or caught up since the server started. */
  public boolean isReady() {
    return ready;
  }

  /**
   * Records a card write of this server and indexes it before the write's answer leaves. The record
   * does not depend on this server's index: without it (it could not be opened, or the server is
   * stopping) the other servers still learn of the write at their next poll.
   */
  void onCardChanged(@Observes CardChanged change) {
    try {
      log.append(change.cardId(), change.kind(), clock.instant());
    } catch (RuntimeException e) {
      // The card is written; other replicas find the change at their next reconcile.
      LOG.log(Level.WARNING, "Could not record the change of card " + change.cardId(), e);
    }
    if (index == null) {
      return; // not open, or stopped: nothing to apply here
    }
    if (!rebuildLock.readLock().tryLock()) {
      return; // a rebuild is running: it catches up with the log when it ends
    }
    try {
      if (index == null) {
        return; // stopped meanwhile
      }
      sync(change.cardId());
      index.refresh();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not index card " + change.cardId() + "; the poll retries.", e);
    } finally {
      rebuildLock.readLock().unlock();
    }
  }

  private void tickUnchecked() {
    try {
      tick();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One poll: the start-up check the first time, then catch up, reconcile and trim when due. */
  public void tick() throws IOException {
    if (index == null) {
      return;
    }
    if (!ready) {
      initialize();
      return;
    }
    catchUp();
    Instant now = clock.instant();
    if (!reconcileInterval.isZero()
        && (lastReconcile == null || !now.isBefore(lastReconcile.plus(reconcileInterval)))) {
      lastReconcile = now;
      reconcile();
    }
    if (!now.isBefore(lastTrim.plus(TRIM_INTERVAL))) {
      lastTrim = now;
      long trimmed = log.trim(now.minus(retention));
      if (trimmed > 0) {
        LOG.fine(() -> "Trimmed " + trimmed + " card changes from the change log.");
      }
    }
  }

  /** Builds the index, or catches up with what it missed while the server was down. */
  private void initialize() throws IOException {
    Head head = log.head();
    Optional<Commit> commit = index.opened();
    String reason = rebuildReason(commit, head);
    if (reason != null) {
      LOG.info(() -> "Rebuilding the search index: " + reason + ".");
      Rebuilt rebuilt = rebuild();
      LOG.info(
          () ->
              "Search index rebuilt: "
                  + rebuilt.cards()
                  + " cards in "
                  + rebuilt.millis()
                  + " ms.");
    } else {
      catchUpLock.lock();
      try {
        watermark = commit.get().seq();
        epoch = head.epoch();
      } finally {
        catchUpLock.unlock();
      }
      ready = true;
      catchUp();
      lastReconcile = null; // repairs what a crash between card write and change record missed
    }
  }

  private String rebuildReason(Optional<Commit> commit, Head head) {
    if (commit.isEmpty()) {
      return "there is no usable index";
    }
    if (!Objects.equals(commit.get().epoch(), head.epoch()) || commit.get().seq() > head.seq()) {
      return "the index was built from another database";
    }
    if (head.seq() > commit.get().seq()) {
      OptionalLong oldest = log.oldestSeq();
      if (oldest.isEmpty() || oldest.getAsLong() > commit.get().seq() + 1) {
        return "the change log no longer reaches back to the index";
      }
    }
    return null;
  }

  /** How a rebuild went. */
  public record Rebuilt(int cards, long millis, long seq) {}

  /**
   * Rebuilds the index from the database. Searches keep the old index until the new one is
   * complete; writes meanwhile are caught up from the change log afterwards.
   */
  public Rebuilt rebuild() throws IOException {
    rebuildLock.writeLock().lock();
    try {
      if (index == null) {
        throw new IllegalStateException("The search index is closed.");
      }
      long started = System.nanoTime();
      // Read the log's head before the cards: a change numbered up to it was written to the
      // database before, so the cards read below include it; later ones are caught up after.
      Head head = log.head();
      int count;
      try {
        index.clear();
        // Fewer, larger segments while everything is added at once: less flushing and merging.
        index.ramBuffer(
            Math.max(ramBufferMb, Math.min(64, Runtime.getRuntime().maxMemory() >> 23)));
        index.merging(false);
        try {
          count = addAllCards();
        } finally {
          index.ramBuffer(ramBufferMb);
          index.merging(true);
        }
        index.commit(new Commit(head.seq(), head.epoch()));
        index.refresh();
        // Searches use the new index at once; one segment serves them faster when it is ready.
        index.mergeInBackground();
      } catch (IOException | RuntimeException e) {
        reopen();
        throw e;
      }
      catchUpLock.lock();
      try {
        watermark = head.seq();
        epoch = head.epoch();
        appliedAbove.clear();
        gapSince = null;
        dirty = false;
        lastCommit = clock.instant();
      } finally {
        catchUpLock.unlock();
      }
      ready = true;
      return new Rebuilt(
          count, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), head.seq());
    } finally {
      rebuildLock.writeLock().unlock();
    }
  }

  /**
   * Adds every card of the database: this thread reads them, the rebuild workers (when there are
   * any) turn them into documents and add them, a batch at a time.
   */
  private int addAllCards() throws IOException {
    SearchIndex target = index;
    ExecutorService pool = rebuildWorkers;
    AtomicInteger count = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Semaphore inFlight = new Semaphore(2 * REBUILD_THREADS);
    List<Future<?>> pending = new ArrayList<>();
    List<ModelCard> batch = new ArrayList<>(REBUILD_BATCH);
    Consumer<List<ModelCard>> submit =
        cards -> {
          Runnable add =
              () -> {
                try {
                  for (ModelCard card : cards) {
                    target.add(card, owners.byId(card.ownerId()));
                    count.incrementAndGet();
                  }
                } catch (IOException | RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              };
          if (pool == null) {
            add.run();
            return;
          }
          inFlight.acquireUninterruptibly();
          pending.add(
              pool.submit(
                  () -> {
                    try {
                      add.run();
                    } finally {
                      inFlight.release();
                    }
                  }));
        };
    cards.forEach(
        card -> {
          if (failure.get() != null) {
            throw new IllegalStateException("Rebuilding the search index failed.", failure.get());
          }
          batch.add(card);
          if (batch.size() == REBUILD_BATCH) {
            submit.accept(List.copyOf(batch));
            batch.clear();
          }
        });
    submit.accept(List.copyOf(batch));
    for (Future<?> task : pending) {
      try {
        task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while rebuilding the search index.", e);
      } catch (ExecutionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    Throwable failed = failure.get();
    if (failed instanceof IOException io) {
      throw io;
    }
    if (failed != null) {
      throw new IllegalStateException("Rebuilding the search index failed.", failed);
    }
    return count.get();
  }

  /** After a failed rebuild: back to the last commit, whose watermark matches its contents. */
  private void reopen() {
    try {
      index.rollback();
      index = new SearchIndex(directory, ramBufferMb);
      ready = false; // the next tick decides again between catching up and rebuilding
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "The search index could not be reopened after a failed rebuild.", e);
    }
  }

  /**
   * Applies the change-log entries this index has not applied yet; returns how many cards it
   * re-indexed. Does nothing while a rebuild runs.
   */
  public int catchUp() throws IOException {
    if (!ready || !rebuildLock.readLock().tryLock()) {
      return 0;
    }
    try {
      if (index == null) {
        return 0; // stopped meanwhile; the index is closed
      }
      catchUpLock.lock();
      try {
        // Every entry is numbered before it is written, so none can be above the watermark while
        // the
        // head is not: the common idle poll then reads one counter instead of querying the log,
        // which the embedded database answers by reading every entry of it.
        List<Change> changes =
            log.head().seq() > watermark ? log.after(watermark, BATCH) : List.of();
        Set<String> toSync = new LinkedHashSet<>();
        Set<Long> applied = new HashSet<>();
        for (Change change : changes) {
          if (!appliedAbove.contains(change.seq())) {
            toSync.add(change.cardId());
            applied.add(change.seq());
          }
        }
        for (String cardId : toSync) {
          sync(cardId);
        }
        appliedAbove.addAll(applied);
        advanceWatermark();
        if (!toSync.isEmpty()) {
          index.refresh();
        } else {
          index.refreshIfChanged(); // picks up finished merges; never during a rebuild
        }
        dirty |= !applied.isEmpty();
        Instant now = clock.instant();
        if (dirty && !now.isBefore(lastCommit.plus(COMMIT_INTERVAL))) {
          index.commit(new Commit(watermark, epoch));
          dirty = false;
          lastCommit = now;
        }
        return toSync.size();
      } finally {
        catchUpLock.unlock();
      }
    } finally {
      rebuildLock.readLock().unlock();
    }
  }

  private void advanceWatermark() {
    while (true) {
      while (!appliedAbove.isEmpty() && appliedAbove.first() == watermark + 1) {
        watermark = appliedAbove.pollFirst();
      }
      if (appliedAbove.isEmpty()) {
        gapSince = null;
        return;
      }
      Instant now = clock.instant();
      if (gapSince == null) {
        gapSince = now;
        return;
      }
      if (now.isBefore(gapSince.plus(GAP_TIMEOUT))) {
        return;
      }
      long from = watermark + 1;
      long to = appliedAbove.first() - 1;
      LOG.warning(
          () ->
              "Card changes "
                  + from
                  + (to > from ? ".." + to : "")
                  + " were numbered but never recorded (a server probably stopped in between);"
                  + " moving on, and reconciling the index with the database.");
      watermark = to;
      gapSince = null;
      lastReconcile = null;
    }
  }

  /**
   * Compares every card's version in the database with the index and re-indexes those that differ
   * (or are missing on either side); returns how many.
   */
  public int reconcile() throws IOException {
    if (!rebuildLock.readLock().tryLock()) {
      return 0;
    }
    try {
      if (index == null) {
        return 0;
      }
      Map<String, Long> stored = cards.versions();
      Map<String, Long> indexed = index.versions();
      Set<String> differ = new LinkedHashSet<>();
      stored.forEach(
          (id, version) -> {
            if (!version.equals(indexed.get(id))) {
              differ.add(id);
            }
          });
      indexed.keySet().stream().filter(id -> !stored.containsKey(id)).forEach(differ::add);
      for (String id : differ) {
        sync(id);
      }
      if (!differ.isEmpty()) {
        index.refresh();
        LOG.info(() -> "Search index repaired " + differ.size() + " card(s) missed earlier.");
      }
      return differ.size();
    } finally {
      rebuildLock.readLock().unlock();
    }
  }

  /** Indexes the card as the database has it now, or removes it when it is gone. */
  private void sync(String cardId) throws IOException {
    synchronized (cardLocks[Math.floorMod(cardId.hashCode(), cardLocks.length)]) {
      Optional<ModelCard> card = cards.findById(cardId);
      if (card.isPresent()) {
        index.put(card.get(), owners.byId(card.get().ownerId()));
      } else {
        index.remove(cardId);
      }
    }
  }

  /** What an admin sees about the index. */
  public record Status(boolean ready, int cards, long appliedSeq, long headSeq) {}

  public Status status() throws IOException {
    SearchIndex current = index;
    long applied;
    catchUpLock.lock();
    try {
      applied = watermark;
    } finally {
      catchUpLock.unlock();
    }
    return new Status(ready, current == null ? 0 : current.size(), applied, log.head().seq());
  }
}
