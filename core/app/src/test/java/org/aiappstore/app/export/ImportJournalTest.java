package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.export.CrashingMongo.Crash;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobService;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that dies in the middle of a card's import takes its in-memory undo with it; the journal
 * lets the end of the job repair the card: taken back before the card is written, completed after.
 * The "crash" is an {@link Error} at a chosen database write, which the importer's undo does not
 * see; the repair then runs on a connection of its own, as on another server.
 */
class ImportJournalTest {

  private static final BundleLimits LIMITS = new BundleLimits(1L << 30, 10_000, 1L << 32, 1L << 26);
  private static final String JOB = "job-1";
  private static final String JOURNAL = ImportJournal.COLLECTION;
  private static final String CARDS = CardRepository.COLLECTION;
  private static final String REVISIONS = RevisionRepository.COLLECTION;
  private static final String MEDIA = MediaStore.COLLECTION;

  @TempDir Path temp;

  private final Installation source = new Installation();
  private final Installation target = new Installation();
  private final InterferingStore store = new InterferingStore(target.store);
  private final CrashingMongo crashing = new CrashingMongo(target.mongo);
  private final List<String> events = new ArrayList<>();
  private ModelCard card;
  private User aliceHere;
  private User targetAdmin;
  private Path bundle;

  @BeforeEach
  void setUp() throws Exception {
    card = source.card(source.user("alice"), 1, null);
    aliceHere = target.user("alice");
    targetAdmin = target.user("root");
    bundle = temp.resolve("bundle.zip");
    new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
        .export(
            new ExportSelection(null, null, null, null, true, true),
            bundle,
            "admin",
            Instant.now(),
            new RecordingContext());
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private RecordingContext importInto(MongoConnection mongo, ConflictMode mode, String job)
      throws Exception {
    RecordingContext context = new RecordingContext();
    try (ZipFile zip = BundleReader.open(bundle)) {
      new BundleImporter(
              mongo,
              target.users,
              store,
              Installation.CONNECTOR,
              kind -> 1L << 20,
              LIMITS.maxJsonEntryBytes(),
              job,
              (id, kind) -> events.add(kind + " " + id))
          .importAll(zip, BundleReader.verify(zip, LIMITS), mode, targetAdmin.id(), context);
    }
    return context;
  }

  /** The import of job {@value #JOB} dies at the write {@link #crashing} is set to die at. */
  private void importCrashing(ConflictMode mode) {
    assertThatThrownBy(() -> importInto(crashing, mode, JOB)).isInstanceOf(Crash.class);
  }

  private int repair() {
    return journal().repair(JOB);
  }

  private ImportJournal journal() {
    return new ImportJournal(
        target.mongo, id -> target.store, (id, kind) -> events.add(kind + " " + id));
  }

  private List<Document> all(String collection) {
    return target
        .mongo
        .database()
        .getCollection(collection)
        .find()
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  private Document stored(String collection, String id) {
    return target.mongo.database().getCollection(collection).find(Filters.eq("_id", id)).first();
  }

  /**
   * Everything an import touches: cards, revisions, media records (but their claim time, which an
   * import renews on files it reuses, as an undone import does too), the stored objects, the
   * journal.
   */
  private Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put(CARDS, all(CARDS));
    state.put(REVISIONS, all(REVISIONS));
    List<Document> media = all(MEDIA);
    media.forEach(d -> d.remove("claimedAt"));
    state.put(MEDIA, media);
    state.put("objects", objects());
    state.put(JOURNAL, all(JOURNAL));
    state.put(ImportJournal.SAVED, all(ImportJournal.SAVED));
    return state;
  }

  private Set<String> objects() {
    Set<String> keys = new TreeSet<>();
    for (ObjectInfo object : target.store.list("", 10_000)) {
      keys.add(object.key());
    }
    return keys;
  }

  /** Everything, the claim times too: a second repair changes nothing at all. */
  private Map<String, Object> everything() {
    Map<String, Object> state = state();
    state.put(MEDIA, all(MEDIA));
    return state;
  }

  private void assertRepairingAgainChangesNothing() {
    Map<String, Object> before = everything();
    List<String> eventsBefore = List.copyOf(events);

    assertThat(repair()).isZero();

    assertThat(everything()).isEqualTo(before);
    assertThat(events).isEqualTo(eventsBefore);
  }

  private List<Long> numbers(String cardId) {
    return target.revisions.list(cardId).stream().map(Revision::number).sorted().toList();
  }

  private static String videoOf(ModelCard card) {
    return card.content().demo().mediaId();
  }

  /** A write the importer makes, at which the server dies before or after it is made. */
  record CrashPoint(String step, String collection, String method, int occurrence, boolean made) {
    @Override
    public String toString() {
      return step;
    }
  }

  @Nested
  class WhenOverwriting {

    private ModelCard moved;
    private ModelCard atAddress;
    private MediaRecord atAddressImage;
    private Map<String, Object> before;

    /**
     * The card imported before and since changed and moved to another slug here (version 3), its
     * video lost here (the import stores it again), and another card at its address with its own
     * history and image: the import replaces both, one in place and one under another id.
     */
    @BeforeEach
    void importedAndChangedHere() throws Exception {
      importInto(target.mongo, ConflictMode.SKIP, "first");
      ModelCard here = target.cards.findById(card.id()).orElseThrow();
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      moved =
          new ModelCard(
              here.id(),
              here.ownerId(),
              "moved-here",
              Installation.content("Changed here", "<p>here</p>", List.of(), here.content().demo()),
              here.mediaIds(),
              here.createdAt(),
              now,
              3);
      assertThat(target.cards.compareAndSet(moved, 2)).isTrue();
      target.revisions.insert(
          new Revision(here.id(), 3, here.ownerId(), now, List.of("title"), null, moved.content()));
      target.store.delete("media/" + videoOf(card));
      target.media.delete(videoOf(card));

      atAddressImage = target.upload(aliceHere, MediaKind.IMAGE, "image/png", Installation.png(5));
      atAddress =
          new ModelCard(
              UUID.randomUUID().toString(),
              aliceHere.id(),
              card.slug(),
              Installation.content("Here first", "<p>here</p>", List.of(), CardContent.Demo.NONE),
              Set.of(atAddressImage.id()),
              now,
              now,
              2);
      target.cards.insert(atAddress);
      target.references.attach(atAddress.mediaIds(), atAddress.id());
      for (long n = 1; n <= 2; n++) {
        target.revisions.insert(
            new Revision(
                atAddress.id(), n, aliceHere.id(), now, List.of(), null, atAddress.content()));
      }
      events.clear();
      before = state();
    }

    /** The writes of the overwrite, in order, up to (not with) the write of the card. */
    static Stream<CrashPoint> beforeTheCard() {
      return Stream.of(
          new CrashPoint("journal entry stored", JOURNAL, "insertOne", 1, true),
          new CrashPoint("new file's record stored", MEDIA, "insertOne", 1, true),
          new CrashPoint("new file claimed", MEDIA, "updateMany", 1, true),
          new CrashPoint("all files claimed", MEDIA, "updateMany", 2, true),
          new CrashPoint("card at the address saved", ImportJournal.SAVED, "bulkWrite", 1, true),
          new CrashPoint("card at the address deleted", CARDS, "deleteOne", 1, true),
          new CrashPoint("its history deleted", REVISIONS, "deleteMany", 1, true),
          new CrashPoint("history of the card saved", ImportJournal.SAVED, "bulkWrite", 3, true),
          new CrashPoint("history of the card deleted", REVISIONS, "deleteMany", 2, true),
          new CrashPoint("part of the new history written", REVISIONS, "insertOne", 2, true),
          new CrashPoint("new history written", REVISIONS, "insertOne", 3, true),
          new CrashPoint("all but the card written", CARDS, "updateOne", 1, false));
    }

    /** The writes from the write of the card on. */
    static Stream<CrashPoint> fromTheCardOn() {
      return Stream.of(
          new CrashPoint("card written, not yet noted", CARDS, "updateOne", 1, true),
          new CrashPoint("card written and noted", JOURNAL, "updateOne", 1, true),
          new CrashPoint("files of the card's old version released", MEDIA, "updateMany", 3, true),
          new CrashPoint("files of the card at the address released", MEDIA, "updateMany", 4, true),
          new CrashPoint("files attached", MEDIA, "updateMany", 5, true),
          new CrashPoint("saved documents forgotten", ImportJournal.SAVED, "deleteMany", 1, true),
          new CrashPoint("all but the journal entry's deletion", JOURNAL, "deleteOne", 1, false));
    }

    private void assertAsBefore() {
      assertThat(state()).isEqualTo(before);
      assertSoftly(
          s -> {
            s.assertThat(target.cards.findById(card.id())).contains(moved);
            s.assertThat(target.cards.findById(atAddress.id())).contains(atAddress);
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L, 3L);
            s.assertThat(numbers(atAddress.id())).containsExactly(1L, 2L);
            s.assertThat(target.media.find(videoOf(card))).isEmpty();
            s.assertThat(target.references.cardsUsing(atAddressImage.id()))
                .containsExactly(atAddress.id());
          });
    }

    private void assertCompleted() {
      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(imported.slug()).isEqualTo(card.slug());
            s.assertThat(imported.version()).isEqualTo(4);
            s.assertThat(imported.content()).isEqualTo(card.content());
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L, 4L);
            s.assertThat(target.cards.findById(atAddress.id())).isEmpty();
            s.assertThat(numbers(atAddress.id())).isEmpty();
            for (String mediaId : imported.mediaIds()) {
              s.assertThat(target.references.cardsUsing(mediaId)).containsExactly(card.id());
            }
            s.assertThat(target.media.find(videoOf(card))).isPresent();
            s.assertThat(target.store.head("media/" + videoOf(card))).isPresent();
            s.assertThat(target.references.cardsUsing(atAddressImage.id())).isEmpty();
            s.assertThat(all(JOURNAL)).isEmpty();
            s.assertThat(all(ImportJournal.SAVED)).isEmpty();
          });
    }

    @ParameterizedTest(name = "crash after: {0}")
    @MethodSource("beforeTheCard")
    void shouldTakeTheCardBackWhenTheServerDiesBeforeTheCardIsWritten(CrashPoint crash) {
      crashing.crashAt(crash.collection(), crash.method(), crash.occurrence(), crash.made());
      importCrashing(ConflictMode.OVERWRITE);
      assertThat(state()).isNotEqualTo(before);

      repair();

      assertAsBefore();
      assertRepairingAgainChangesNothing();
    }

    @ParameterizedTest(name = "crash after: {0}")
    @MethodSource("fromTheCardOn")
    void shouldCompleteTheCardWhenTheServerDiesOnceTheCardIsWritten(CrashPoint crash) {
      crashing.crashAt(crash.collection(), crash.method(), crash.occurrence(), crash.made());
      importCrashing(ConflictMode.OVERWRITE);

      assertThat(repair()).isEqualTo(1);

      assertCompleted();
      assertThat(events)
          .containsExactly(
              "DELETED " + card.id(), "DELETED " + atAddress.id(), "CREATED " + card.id());
      assertRepairingAgainChangesNothing();
    }

    @Test
    void shouldAnnounceTheCardItPutsBack() {
      crashing.crashAt(CARDS, "deleteOne", 1, true);
      importCrashing(ConflictMode.OVERWRITE);

      repair();

      assertThat(events).containsExactly("CREATED " + atAddress.id());
    }

    @Test
    void shouldKeepAnEditOfTheOldCardMadeAfterTheCrash() {
      crashing.crashAt(CARDS, "updateOne", 1, false);
      importCrashing(ConflictMode.OVERWRITE);
      // Its owner edits the card as it still is (its history already replaced), up to the very
      // version the import was about to write.
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      ModelCard edited =
          new ModelCard(
              moved.id(),
              moved.ownerId(),
              moved.slug(),
              Installation.content("Edited", "<p>edited</p>", List.of(), moved.content().demo()),
              moved.mediaIds(),
              moved.createdAt(),
              now,
              4);
      assertThat(target.cards.compareAndSet(edited, 3)).isTrue();

      repair();

      assertSoftly(
          s -> {
            s.assertThat(target.cards.findById(card.id())).contains(edited);
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L, 3L);
            s.assertThat(target.cards.findById(atAddress.id())).contains(atAddress);
            s.assertThat(target.media.find(videoOf(card))).isEmpty();
          });
      assertRepairingAgainChangesNothing();
    }

    @Test
    void shouldKeepAnEditOfTheImportedCardMadeAfterTheCrash() {
      crashing.crashAt(CARDS, "updateOne", 1, true);
      importCrashing(ConflictMode.OVERWRITE);
      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      ModelCard edited =
          new ModelCard(
              imported.id(),
              imported.ownerId(),
              imported.slug(),
              Installation.content("Edited", "<p>edited</p>", List.of(), imported.content().demo()),
              imported.mediaIds(),
              imported.createdAt(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS),
              5);
      assertThat(target.cards.compareAndSet(edited, 4)).isTrue();

      repair();

      assertSoftly(
          s -> {
            s.assertThat(target.cards.findById(card.id())).contains(edited);
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L, 4L);
            s.assertThat(target.cards.findById(atAddress.id())).isEmpty();
            for (String mediaId : edited.mediaIds()) {
              s.assertThat(target.references.cardsUsing(mediaId)).containsExactly(card.id());
            }
          });
      assertRepairingAgainChangesNothing();
    }

    @Test
    void shouldLeaveNoJournalWhenAFailedOverwriteWasTakenBackByItsUndo() throws Exception {
      store.beforePut(
          key -> {
            throw new UncheckedIOException(new IOException("connection reset"));
          });

      RecordingContext context = importInto(target.mongo, ConflictMode.OVERWRITE, JOB);

      assertThat(context.statuses()).containsExactly(JobItem.FAILED);
      assertAsBefore();
    }

    @Test
    void shouldLeaveNoJournalWhenTheUndoTookBackTheCardItHadWritten() throws Exception {
      // Attaching the files fails after the card is written: the undo puts the old card back.
      crashing.failAt(MEDIA, "updateMany", 5);

      RecordingContext context = importInto(crashing, ConflictMode.OVERWRITE, JOB);

      assertThat(context.statuses()).containsExactly(JobItem.FAILED);
      assertThat(all(JOURNAL)).isEmpty();
      assertThat(all(ImportJournal.SAVED)).isEmpty();
      assertThat(target.cards.findById(card.id())).contains(moved);
      assertThat(target.cards.findById(atAddress.id())).contains(atAddress);
      assertThat(numbers(card.id())).containsExactly(1L, 2L, 3L);
    }
  }

  @Nested
  class WhenImportingANewCard {

    @Test
    void shouldLeaveNothingOfTheCardWhenTheServerDiesBeforeItIsWritten() {
      crashing.crashAt(CARDS, "insertOne", 1, false);
      importCrashing(ConflictMode.SKIP);
      assertThat(all(REVISIONS)).isNotEmpty();

      assertThat(repair()).isEqualTo(1);

      assertSoftly(
          s -> {
            s.assertThat(all(CARDS)).isEmpty();
            s.assertThat(all(REVISIONS)).isEmpty();
            s.assertThat(all(MEDIA)).isEmpty();
            s.assertThat(objects()).isEmpty();
            s.assertThat(all(JOURNAL)).isEmpty();
            s.assertThat(all(ImportJournal.SAVED)).isEmpty();
            s.assertThat(events).isEmpty();
          });
      assertRepairingAgainChangesNothing();
    }

    @Test
    void shouldCompleteTheCardWhenTheServerDiesOnceItIsWritten() {
      crashing.crashAt(CARDS, "insertOne", 1, true);
      importCrashing(ConflictMode.SKIP);

      assertThat(repair()).isEqualTo(1);

      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(imported.content()).isEqualTo(card.content());
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L);
            for (String mediaId : imported.mediaIds()) {
              s.assertThat(target.references.cardsUsing(mediaId)).containsExactly(card.id());
            }
            s.assertThat(events).containsExactly("CREATED " + card.id());
          });
      assertRepairingAgainChangesNothing();
    }

    @Test
    void shouldKeepAFileAnotherCardStartedUsingMeanwhile() {
      crashing.crashAt(CARDS, "insertOne", 1, false);
      importCrashing(ConflictMode.SKIP);
      // The owner's other card takes up the image the import stored, before the repair.
      String image = Installation.imageOf(card);
      target.references.claim(List.of(image), Instant.now().plusSeconds(1));
      target.references.attach(List.of(image), "another-card");

      repair();

      assertThat(target.media.find(image)).isPresent();
      assertThat(target.store.head("media/" + image)).isPresent();
      assertThat(target.media.find(videoOf(card))).isEmpty();
    }

    @Test
    void shouldLeaveNoJournalWhenTheImportSucceeds() throws Exception {
      RecordingContext context = importInto(target.mongo, ConflictMode.SKIP, JOB);

      assertThat(context.statuses()).containsExactly(JobItem.DONE);
      assertThat(all(JOURNAL)).isEmpty();
      assertThat(all(ImportJournal.SAVED)).isEmpty();
      assertThat(repair()).isZero();
    }

    @Test
    void shouldNotExportTheMarkOfTheImport() throws Exception {
      importInto(target.mongo, ConflictMode.SKIP, JOB);
      assertThat(stored(CARDS, card.id())).containsKey(CardRepository.IMPORT_MARK);
      Path again = temp.resolve("again.zip");

      new BundleExporter(target.mongo, target.users, id -> target.store, new InMemorySnapshots())
          .export(
              new ExportSelection(null, null, null, null, true, true),
              again,
              "admin",
              Instant.now(),
              new RecordingContext());

      try (ZipFile zip = BundleReader.open(again)) {
        String text =
            new String(
                    zip.getInputStream(zip.getEntry(BundleFormat.card(card.id()))).readAllBytes(),
                    StandardCharsets.UTF_8)
                + new String(
                    zip.getInputStream(zip.getEntry(BundleFormat.revisions(card.id())))
                        .readAllBytes(),
                    StandardCharsets.UTF_8);
        assertThat(text).contains(card.id()).doesNotContain(CardRepository.IMPORT_MARK);
      }
    }
  }

  @Nested
  class WhenSweeping {

    private final JobRepository jobs = new JobRepository(target.mongo);
    private final JobService service = new JobService(jobs, Clock.systemUTC());

    private void crashIn(String job) {
      crashing.crashAt(CARDS, "insertOne", 1, false);
      assertThatThrownBy(() -> importInto(crashing, ConflictMode.SKIP, job))
          .isInstanceOf(Crash.class);
    }

    @Test
    void shouldLeaveTheCardOfAnImportStillUnderway() {
      Job queued = service.submit(ImportJob.TYPE, new Document(), null);
      crashIn(queued.id());

      assertThat(journal().sweep(jobs)).isZero();

      assertThat(all(JOURNAL)).hasSize(1);
      assertThat(all(REVISIONS)).isNotEmpty();
    }

    @Test
    void shouldRepairTheCardOfAnImportThatEnded() {
      Job cancelled = service.submit(ImportJob.TYPE, new Document(), null);
      crashIn(cancelled.id());
      service.cancel(cancelled.id());

      assertThat(journal().sweep(jobs)).isEqualTo(1);

      assertThat(all(JOURNAL)).isEmpty();
      assertThat(all(REVISIONS)).isEmpty();
    }

    @Test
    void shouldRepairTheCardOfAnImportWhoseJobIsGone() {
      crashIn("deleted-job");

      assertThat(journal().sweep(jobs)).isEqualTo(1);

      assertThat(all(JOURNAL)).isEmpty();
      assertThat(all(REVISIONS)).isEmpty();
      assertThat(all(MEDIA)).isEmpty();
    }
  }

  @Nested
  class WhenTheJobEnds {

    private final JobService service =
        new JobService(new JobRepository(target.mongo), Clock.systemUTC());
    private final ImportJob handler = new ImportJob();

    @SuppressWarnings("unchecked")
    @BeforeEach
    void wired() {
      handler.mongo = target.mongo;
      handler.connectors =
          new ConnectorRegistry() {
            @Override
            public DataConnector dataConnector(String instanceId) {
              return target.store;
            }
          };
      handler.changes =
          (Event<CardChanged>)
              Proxy.newProxyInstance(
                  Event.class.getClassLoader(),
                  new Class<?>[] {Event.class},
                  (self, method, args) -> {
                    if (!method.getName().equals("fire")) {
                      throw new UnsupportedOperationException(method.getName());
                    }
                    CardChanged changed = (CardChanged) args[0];
                    events.add(changed.kind() + " " + changed.cardId());
                    return null;
                  });
    }

    @Test
    void shouldRepairTheCardItsServerLeftHalfWrittenEveryTimeItIsToldHarmlessly() {
      Job job = service.submit(ImportJob.TYPE, new Document(), null);
      crashing.crashAt(CARDS, "insertOne", 1, true);
      assertThatThrownBy(() -> importInto(crashing, ConflictMode.SKIP, job.id()))
          .isInstanceOf(Crash.class);

      handler.ended(job);

      assertThat(all(JOURNAL)).isEmpty();
      assertThat(events).containsExactly("CREATED " + card.id());
      Map<String, Object> repaired = everything();

      handler.ended(job);

      assertThat(everything()).isEqualTo(repaired);
      assertThat(events).containsExactly("CREATED " + card.id());
    }
  }
}
