package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.search.SearchFixture.TestCard;
import org.aiappstore.app.testing.MutableClock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SearchIndexerTest {

  private SearchFixture fixture;
  private User alice;

  @BeforeEach
  void setUp() {
    fixture = new SearchFixture();
    alice = fixture.user("alice");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private List<String> titles(SearchIndexer indexer, String text) {
    CardSearchService search = new CardSearchService(indexer, fixture.owners);
    return search
        .search(SearchFixture.caller(alice), SearchFixture.request("q", text))
        .hits()
        .stream()
        .map(h -> h.summary().getString("title"))
        .toList();
  }

  private TestCard card(String title) {
    return new TestCard(alice).title(title);
  }

  @Test
  void shouldFindACardAsSoonAsThisServerHasWrittenIt() {
    ModelCard card = fixture.create(card("Fresh kingfisher"));

    assertThat(titles(fixture.indexer, "kingfisher")).containsExactly("Fresh kingfisher");

    fixture.update(card, card("Renamed heron").build().content());
    assertThat(titles(fixture.indexer, "kingfisher")).isEmpty();
    assertThat(titles(fixture.indexer, "heron")).containsExactly("Renamed heron");

    fixture.delete(card);
    assertThat(titles(fixture.indexer, "heron")).isEmpty();
  }

  @Nested
  class AcrossServers {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopPolling() {
      scheduler.shutdownNow();
    }

    @Test
    void shouldShowAWriteOfOneServerInTheOtherServersSearchWithinTwoSeconds() throws Exception {
      SearchFixture other = new SearchFixture(fixture);
      try {
        fixture.indexer.startPolling(scheduler, Duration.ofMillis(250));
        other.indexer.startPolling(scheduler, Duration.ofMillis(250));

        long started = System.nanoTime();
        ModelCard card = fixture.create(card("Replicated osprey"));
        awaitTitles(other.indexer, "osprey", List.of("Replicated osprey"), started);

        started = System.nanoTime();
        fixture.update(card, card("Replicated falcon").build().content());
        awaitTitles(other.indexer, "falcon", List.of("Replicated falcon"), started);
        assertThat(titles(other.indexer, "osprey")).isEmpty();

        started = System.nanoTime();
        fixture.delete(card);
        awaitTitles(other.indexer, "falcon", List.of(), started);
      } finally {
        other.close();
      }
    }

    private void awaitTitles(
        SearchIndexer indexer, String text, List<String> expected, long started)
        throws InterruptedException {
      while (!titles(indexer, text).equals(expected)) {
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("time until the other server's search shows the change")
            .isLessThan(Duration.ofSeconds(2));
        Thread.sleep(20);
      }
    }
  }

  @Nested
  class ChangeLogGaps {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private SearchIndexer reader;

    @BeforeEach
    void anotherServer() {
      reader = fixture.newIndexer(clock);
    }

    @Test
    void shouldNotSkipAChangeRecordedAfterAHigherNumber() throws IOException {
      // Server 1 writes a card and takes number 1, then stalls before recording it...
      ModelCard late = fixture.createSilently(card("Late swift"));
      long lateSeq = fixture.log.nextSeq();
      // ...while server 2 writes a card and records number 2.
      ModelCard early = fixture.createSilently(card("Early swallow"));
      fixture.log.append(early.id(), CardChanged.Kind.CREATED, clock.instant());

      reader.catchUp();

      assertThat(titles(reader, "swallow")).containsExactly("Early swallow");
      assertThat(reader.status().appliedSeq()).isZero();

      fixture.log.record(lateSeq, late.id(), CardChanged.Kind.CREATED, clock.instant());
      reader.catchUp();

      assertThat(titles(reader, "swift")).containsExactly("Late swift");
      assertThat(reader.status().appliedSeq()).isEqualTo(2);
    }

    @Test
    void shouldMoveOnFromANumberNeverRecordedAfterTheTimeoutAndRepairByReconciling()
        throws IOException {
      ModelCard lost = fixture.createSilently(card("Lost wren"));
      fixture.log.nextSeq(); // the server that took it stopped before recording it
      ModelCard next = fixture.createSilently(card("Next robin"));
      fixture.log.append(next.id(), CardChanged.Kind.CREATED, clock.instant());

      reader.catchUp();
      clock.advance(SearchIndexer.GAP_TIMEOUT.minusSeconds(1));
      reader.catchUp();
      assertThat(reader.status().appliedSeq()).isZero();

      clock.advance(Duration.ofSeconds(2));
      reader.catchUp();

      assertThat(reader.status().appliedSeq()).isEqualTo(2);
      assertThat(titles(reader, "wren")).isEmpty();
      reader.tick(); // a skipped number makes the next tick reconcile
      assertThat(titles(reader, "wren")).containsExactly(lost.content().title());
    }

    @Test
    void shouldApplyAChangeOnlyOnceWhileWaitingAtAGap() throws IOException {
      fixture.log.nextSeq();
      ModelCard card = fixture.createSilently(card("Patient owl"));
      fixture.log.append(card.id(), CardChanged.Kind.CREATED, clock.instant());

      assertThat(reader.catchUp()).isEqualTo(1);
      assertThat(reader.catchUp()).isZero();
    }
  }

  @Nested
  class AtStart {

    @Test
    void shouldBuildTheIndexFromTheDatabaseWhenThereIsNone() {
      fixture.createSilently(card("Existing puffin"));

      SearchIndexer started = fixture.newIndexer(Clock.systemUTC());

      assertThat(titles(started, "puffin")).containsExactly("Existing puffin");
      assertThat(started.isReady()).isTrue();
    }

    @Test
    void shouldCatchUpFromTheLastCommitAndThenReconcile() throws IOException {
      Directory directory = new ByteBuffersDirectory();
      SearchIndexer first = fixture.newIndexer(Clock.systemUTC(), directory);
      first.stop();
      fixture.create(card("Logged gannet"));
      fixture.createSilently(card("Unlogged gull"));

      SearchIndexer restarted = fixture.newIndexer(Clock.systemUTC(), directory);

      assertThat(titles(restarted, "gannet")).containsExactly("Logged gannet");
      assertThat(titles(restarted, "gull")).as("not rebuilt, only caught up").isEmpty();
      restarted.tick();
      assertThat(titles(restarted, "gull")).as("reconciled").containsExactly("Unlogged gull");
    }

    @Test
    void shouldRebuildWhenTheChangeLogNoLongerReachesBackToTheIndex() throws IOException {
      Directory directory = new ByteBuffersDirectory();
      fixture.newIndexer(Clock.systemUTC(), directory).stop();
      fixture.create(card("Trimmed tern"));
      fixture.createSilently(card("Unlogged gull"));
      fixture.log.trim(Instant.now().plusSeconds(60));

      SearchIndexer restarted = fixture.newIndexer(Clock.systemUTC(), directory);

      assertThat(titles(restarted, "tern")).containsExactly("Trimmed tern");
      assertThat(titles(restarted, "gull")).as("rebuilt").containsExactly("Unlogged gull");
    }

    @Test
    void shouldRebuildAnIndexOfAnotherDatabase() throws IOException {
      Directory directory = new ByteBuffersDirectory();
      try (SearchFixture elsewhere = new SearchFixture()) {
        User bob = elsewhere.user("bob");
        elsewhere.create(new TestCard(bob).title("Foreign dodo"));
        SearchIndexer foreign = elsewhere.newIndexer(Clock.systemUTC(), directory);
        foreign.catchUp();
        foreign.stop();
      }
      fixture.createSilently(card("Local kiwi"));

      SearchIndexer started = fixture.newIndexer(Clock.systemUTC(), directory);

      assertThat(titles(started, "dodo")).isEmpty();
      assertThat(titles(started, "kiwi")).containsExactly("Local kiwi");
    }

    @Test
    void shouldRebuildAnIndexOfAnotherFormat() throws IOException {
      Directory directory = new ByteBuffersDirectory();
      fixture.newIndexer(Clock.systemUTC(), directory).stop();
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        writer.setLiveCommitData(Map.of("format", "0", "seq", "0").entrySet());
        writer.commit();
      }
      fixture.createSilently(card("Unlogged gull"));

      SearchIndexer started = fixture.newIndexer(Clock.systemUTC(), directory);

      assertThat(titles(started, "gull")).containsExactly("Unlogged gull");
    }
  }

  @Test
  void shouldRebuildOnDemandWithExactlyTheCardsOfTheDatabase() throws IOException {
    fixture.create(card("Kept lark"));
    ModelCard gone = fixture.create(card("Gone lark"));
    fixture.cards.delete(gone.id(), null); // deleted without telling the index
    fixture.createSilently(card("Silent lark"));

    SearchIndexer.Rebuilt rebuilt = fixture.indexer.rebuild();

    assertThat(rebuilt.cards()).isEqualTo(2);
    assertThat(titles(fixture.indexer, "lark"))
        .containsExactlyInAnyOrder("Kept lark", "Silent lark");
    assertThat(fixture.indexer.status().cards()).isEqualTo(2);
  }

  @Test
  void shouldRepairWhatTheChangeLogMissedWhenReconciling() throws IOException {
    ModelCard stale = fixture.create(card("Stale stork"));
    fixture.cards.compareAndSet(
        new ModelCard(
            stale.id(),
            stale.ownerId(),
            stale.slug(),
            card("Fresh crane").build().content(),
            stale.mediaIds(),
            stale.createdAt(),
            Instant.now(),
            2),
        1);

    assertThat(fixture.indexer.reconcile()).isEqualTo(1);
    assertThat(titles(fixture.indexer, "crane")).containsExactly("Fresh crane");
    assertThat(fixture.indexer.reconcile()).isZero();
  }

  @Nested
  class WhenThisServersIndexIsNotOpen {

    private ModelCard writtenThrough(SearchIndexer indexer, String title) {
      ModelCard card = card(title).build();
      fixture.cards.insert(card);
      indexer.onCardChanged(new CardChanged(card.id(), CardChanged.Kind.CREATED));
      return card;
    }

    @Test
    void shouldStillRecordItsWritesForTheOtherServers() throws IOException {
      SearchIndexer unopened =
          new SearchIndexer(fixture.log, fixture.cards, fixture.owners, Clock.systemUTC());

      ModelCard card = writtenThrough(unopened, "Unindexed egret");

      assertThat(fixture.log.after(0, 100)).extracting(c -> c.cardId()).contains(card.id());
      fixture.indexer.tick();
      assertThat(titles(fixture.indexer, "egret")).containsExactly("Unindexed egret");
    }

    @Test
    void shouldStillRecordTheWritesOfAStoppedServer() throws IOException {
      SearchIndexer stopped = fixture.newIndexer(Clock.systemUTC());
      stopped.stop();

      ModelCard card = writtenThrough(stopped, "Late bittern");

      assertThat(fixture.log.after(0, 100)).extracting(c -> c.cardId()).contains(card.id());
      fixture.indexer.tick();
      assertThat(titles(fixture.indexer, "bittern")).containsExactly("Late bittern");
    }
  }
}
