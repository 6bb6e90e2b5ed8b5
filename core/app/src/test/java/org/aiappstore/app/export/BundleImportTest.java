package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.RevisionRepository;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle is untrusted input, whoever uploads it: each card is checked as an API write checks it
 * before anything of it is written, and refused as a failed item with the reason when it fails.
 */
class BundleImportTest {

  private static final BundleLimits LIMITS = new BundleLimits(1L << 30, 10_000, 1L << 32, 1L << 26);

  @TempDir Path temp;

  private final Installation source = new Installation();
  private final Installation target = new Installation();
  private final InterferingStore store = new InterferingStore(target.store);
  private final List<String> events = new ArrayList<>();
  private User targetAdmin;
  private ModelCard card;
  private ModelCard other;
  private long limit = 1L << 20;

  @BeforeEach
  void setUp() {
    User alice = source.user("alice");
    card = source.card(alice, 1, null);
    other = source.card(alice, 2, null);
    target.user("alice");
    targetAdmin = target.user("root");
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private TamperedBundle exported(boolean revisions) throws Exception {
    Path bundle = temp.resolve("export-" + System.nanoTime() + ".zip");
    new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
        .export(
            new ExportSelection(null, null, null, null, true, revisions),
            bundle,
            "admin",
            Instant.now(),
            new RecordingContext());
    return new TamperedBundle(bundle);
  }

  private RecordingContext importInto(TamperedBundle bundle) throws Exception {
    return importInto(bundle, ConflictMode.SKIP);
  }

  private RecordingContext importInto(TamperedBundle bundle, ConflictMode mode) throws Exception {
    Path file = bundle.write(temp.resolve("import-" + System.nanoTime() + ".zip"));
    RecordingContext context = new RecordingContext();
    try (ZipFile zip = BundleReader.open(file)) {
      Document manifest = BundleReader.verify(zip, LIMITS);
      new BundleImporter(
              target.mongo,
              target.users,
              store,
              Installation.CONNECTOR,
              kind -> limit,
              LIMITS.maxJsonEntryBytes(),
              "job",
              (id, kind) -> events.add(kind + " " + id))
          .importAll(zip, manifest, mode, targetAdmin.id(), context);
    }
    return context;
  }

  private static JobItem itemOf(RecordingContext context, ModelCard card) {
    return context.items.stream().filter(i -> i.id().equals(card.id())).findFirst().orElseThrow();
  }

  /** The refused card left nothing: no card, no history, no media file; the other card is in. */
  private void assertNothingOfTheCardWasWritten(RecordingContext context) {
    assertSoftly(
        s -> {
          s.assertThat(itemOf(context, other).status()).isEqualTo(JobItem.DONE);
          s.assertThat(target.cards.findById(card.id())).isEmpty();
          s.assertThat(target.revisions.list(card.id())).isEmpty();
          for (String mediaId : card.mediaIds()) {
            s.assertThat(target.media.find(mediaId)).isEmpty();
            s.assertThat(target.store.head("media/" + mediaId)).isEmpty();
          }
          s.assertThat(events).containsExactly("CREATED " + other.id());
        });
  }

  @Nested
  class WhenCheckingCards {

    private static final String HOSTILE =
        "<p>Hello</p><img src=x onerror=alert(1)><script>alert(2)</script>";

    @Test
    void shouldSanitizeAScriptAwayFromTheBodyAndHistoryAsAnApiWriteWould() throws Exception {
      TamperedBundle bundle =
          exported(true)
              .content(card.id(), c -> c.put("body", HOSTILE + c.getString("body")))
              .revisions(
                  card.id(),
                  revisions -> {
                    Document content = revisions.get(1).get("content", Document.class);
                    content.put("body", HOSTILE + content.getString("body"));
                  });

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
      String expected = Installation.sanitized(HOSTILE + card.content().body());
      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      Revision latest = target.revisions.find(card.id(), 2).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(imported.content().body()).isEqualTo(expected).startsWith("<p>Hello</p>");
            s.assertThat(latest.content().body()).isEqualTo(expected);
            for (String body : List.of(imported.content().body(), latest.content().body())) {
              s.assertThat(body).doesNotContain("onerror", "script", "alert", "src=\"x\"");
            }
          });
    }

    @Test
    void shouldRefuseContentAnApiWriteWouldRefuse() throws Exception {
      TamperedBundle bundle =
          exported(true)
              .content(
                  card.id(),
                  c -> {
                    c.remove("title");
                    c.put("color", "red");
                  });

      RecordingContext context = importInto(bundle);

      JobItem item = itemOf(context, card);
      assertThat(item.status()).isEqualTo(JobItem.FAILED);
      assertThat(item.reason())
          .startsWith("its content is not valid: ")
          .contains("/title is required")
          .contains("/color is not a known field");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldTakeNowAndVersionOneWhenTheCardHasNoDatesAndNoVersion() throws Exception {
      TamperedBundle bundle =
          exported(false)
              .card(
                  card.id(),
                  c -> {
                    c.remove("createdAt");
                    c.put("updatedAt", "yesterday");
                    c.remove("version");
                  });
      Instant before = Instant.now().minusMillis(1);

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
      // Listing reads every card: a card stored without dates made it fail for everyone.
      ModelCard imported =
          target.allCards().stream()
              .filter(c -> c.id().equals(card.id()))
              .findFirst()
              .orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(imported.version()).isEqualTo(1);
            s.assertThat(imported.createdAt()).isBetween(before, Instant.now());
            s.assertThat(imported.updatedAt()).isEqualTo(imported.createdAt());
            s.assertThat(target.revisions.list(card.id()))
                .singleElement()
                .satisfies(r -> assertThat(r.number()).isEqualTo(1));
          });
    }

    @Test
    void shouldNotTakeADateFromTheFuture() throws Exception {
      TamperedBundle bundle =
          exported(false)
              .card(
                  card.id(),
                  c -> c.put("updatedAt", Date.from(Instant.now().plusSeconds(86_400 * 365))));
      Instant before = Instant.now().minusMillis(1);

      importInto(bundle);

      assertThat(target.cards.findById(card.id()).orElseThrow().updatedAt())
          .isBetween(before, Instant.now());
    }

    @Test
    void shouldRefuseACardWhoseSlugIsNotValid() throws Exception {
      TamperedBundle bundle = exported(true).card(card.id(), c -> c.put("slug", "../Admin Page"));

      RecordingContext context = importInto(bundle);

      JobItem item = itemOf(context, card);
      assertThat(item.status()).isEqualTo(JobItem.FAILED);
      assertThat(item.reason()).startsWith("its slug is not valid");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseACardNestedTooDeeplyAndImportTheOthers() throws Exception {
      // 200 KB, under 1 KB zipped: once a stack overflow that ended the import job's thread.
      String deep = "{\"card\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
      TamperedBundle bundle =
          exported(true).entry(BundleFormat.card(card.id()), deep.getBytes(StandardCharsets.UTF_8));

      RecordingContext context = importInto(bundle);

      JobItem item = itemOf(context, card);
      assertThat(item.status()).isEqualTo(JobItem.FAILED);
      assertThat(item.reason())
          .isEqualTo("cards/" + card.id() + "/card.json is nested deeper than 32 levels");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseAHistoryOfMoreValuesThanAnyCardHas() throws Exception {
      // Small values take many times their text in memory: this one would take about 50 MB.
      String many = "{\"revisions\": [" + "0,".repeat(1_000_000) + "0]}";
      TamperedBundle bundle =
          exported(true)
              .entry(BundleFormat.revisions(card.id()), many.getBytes(StandardCharsets.UTF_8));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("cards/" + card.id() + "/revisions.json holds more than 1000000 values");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseAHistoryBeyondTheCardsVersion() throws Exception {
      TamperedBundle bundle =
          exported(true).revisions(card.id(), revisions -> revisions.get(1).put("number", 7L));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("its history has revision 7, outside the card's versions 1 to 2");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseAMediaListOtherThanTheOneTheManifestGives() throws Exception {
      MediaRecord victims =
          target.upload(target.user("victim"), MediaKind.IMAGE, "image/png", Installation.png(7));
      TamperedBundle bundle =
          exported(true)
              .card(card.id(), c -> c.getList("mediaIds", String.class).add(victims.id()));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("its media list is not the one the manifest gives for it");
      assertThat(target.references.cardsUsing(victims.id())).isEmpty();
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseADocumentUsingAFileTheBundleDoesNotHoldForTheCard() throws Exception {
      MediaRecord victims =
          target.upload(target.user("victim"), MediaKind.IMAGE, "image/png", Installation.png(7));
      TamperedBundle bundle =
          exported(true)
              .content(
                  card.id(),
                  c ->
                      c.put(
                          "body",
                          "<img src=\"/api/v1/media/" + victims.id() + "\">" + c.get("body")));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo(
              "it uses media file " + victims.id() + ", which the bundle does not hold for it");
      assertThat(target.references.cardsUsing(victims.id())).isEmpty();
      assertNothingOfTheCardWasWritten(context);
    }
  }

  @Nested
  class WhenStoringMedia {

    @Test
    void shouldRefuseHtmlDeclaredAsAnImage() throws Exception {
      String image = Installation.imageOf(card);
      TamperedBundle bundle =
          exported(true)
              .mediaContent(
                  image,
                  "<html><body><script>fetch('/api/v1/admin/users')</script></body></html>"
                      .getBytes(StandardCharsets.UTF_8));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .startsWith("media file " + image + " is not a supported image or video");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseATypeOtherThanTheOneTheMetaDataDeclares() throws Exception {
      String image = Installation.imageOf(card);
      TamperedBundle bundle =
          exported(true).mediaMeta(image, meta -> meta.put("contentType", "image/jpeg"));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("media file " + image + " is image/png, not the type its meta.json declares");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldRefuseAFileOverTheUploadLimitOfItsKind() throws Exception {
      limit = 10_000; // the images have about 3000 bytes, the videos about 20000
      TamperedBundle bundle = exported(true);

      RecordingContext context = importInto(bundle);

      assertThat(context.statuses()).containsOnly(JobItem.FAILED);
      assertThat(itemOf(context, card).reason())
          .matches("media file .* is larger than 10000 bytes, the most a video may be");
    }

    @Test
    void shouldRefuseADemoVideoThatIsAnImage() throws Exception {
      String image = Installation.imageOf(card);
      TamperedBundle bundle =
          exported(false)
              .content(
                  card.id(),
                  c -> c.put("demo", new Document("type", "video").append("mediaId", image)));

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("its demo video " + image + " is not a video");
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldTakeSizeChecksumAndTypeFromTheBytesAndCreateTheRecordNow() throws Exception {
      String image = Installation.imageOf(card);
      byte[] bytes = source.read("media/" + image);
      TamperedBundle bundle =
          exported(true)
              .mediaMeta(
                  image,
                  meta -> {
                    meta.put("size", 1L);
                    meta.put("sha256", "0".repeat(64));
                    meta.put("kind", "video");
                    meta.put("name", "evil\u0000name");
                    meta.put("createdAt", Date.from(Instant.parse("2001-01-01T00:00:00Z")));
                  });
      Instant before = Instant.now().minusMillis(1);

      RecordingContext context = importInto(bundle);

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
      MediaRecord record = target.media.find(image).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(record.size()).isEqualTo(bytes.length);
            s.assertThat(record.sha256()).isEqualTo(Installation.sha256(bytes));
            s.assertThat(record.contentType()).isEqualTo("image/png");
            s.assertThat(record.kind()).isEqualTo(MediaKind.IMAGE);
            s.assertThat(record.name()).isNull();
            s.assertThat(record.createdAt()).isBetween(before, Instant.now());
            s.assertThat(record.ownerId())
                .isEqualTo(target.cards.findById(card.id()).orElseThrow().ownerId());
          });
    }

    @Test
    void shouldStoreACopyUnderANewIdWhenAnotherOwnerHasAFileWithTheSameId() throws Exception {
      String image = Installation.imageOf(card);
      byte[] bytes = source.read("media/" + image);
      User victim = target.user("victim");
      MediaRecord victims =
          new MediaRecord(
              image,
              victim.id(),
              "media/" + image,
              "image/png",
              MediaKind.IMAGE,
              bytes.length,
              Installation.sha256(bytes),
              "private.png",
              Instant.parse("2026-01-02T00:00:00Z"),
              Installation.CONNECTOR);
      target.media.insert(victims);
      byte[] victimsBytes = Installation.png(99);
      target.store.put(
          victims.key(),
          new java.io.ByteArrayInputStream(victimsBytes),
          victimsBytes.length,
          "image/png");

      RecordingContext context = importInto(exported(true));

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      String copy = Installation.imageOf(imported);
      MediaRecord stored = target.media.find(copy).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(copy).isNotEqualTo(image);
            s.assertThat(imported.mediaIds()).contains(copy).doesNotContain(image);
            s.assertThat(target.revisions.find(card.id(), 2).orElseThrow().content().body())
                .contains(copy)
                .doesNotContain(image);
            s.assertThat(stored.ownerId()).isEqualTo(imported.ownerId());
            s.assertThat(target.references.cardsUsing(image)).isEmpty();
            s.assertThat(target.references.cardsUsing(copy)).containsExactly(card.id());
            s.assertThat(target.media.find(image)).contains(victims);
          });
      assertThat(target.read(stored.key())).isEqualTo(bytes);
      assertThat(target.read(victims.key())).isEqualTo(victimsBytes);
    }
  }

  @Nested
  class WhenAStepFails {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private String videoOf(ModelCard card) {
      return card.content().demo().mediaId();
    }

    private Document stored(String collection, String id) {
      return target.mongo.database().getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    private List<Document> history(String cardId) {
      return target
          .mongo
          .database()
          .getCollection(RevisionRepository.COLLECTION)
          .find(Filters.eq("cardId", cardId))
          .sort(Sorts.ascending("number"))
          .into(new ArrayList<>());
    }

    private void failPutOf(String mediaId) {
      store.beforePut(
          key -> {
            if (key.equals("media/" + mediaId)) {
              throw new UncheckedIOException(new IOException("connection reset"));
            }
          });
    }

    /** The card imported once, then changed here (a third revision), and one of its files lost. */
    private void importedAndChangedHere() throws Exception {
      importInto(exported(true));
      ModelCard here = target.cards.findById(card.id()).orElseThrow();
      ModelCard changed =
          new ModelCard(
              here.id(),
              here.ownerId(),
              here.slug(),
              Installation.content("Changed here", "<p>here</p>", List.of(), here.content().demo()),
              here.mediaIds(),
              here.createdAt(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS),
              3);
      assertThat(target.cards.compareAndSet(changed, 2)).isTrue();
      target.revisions.insert(
          new Revision(
              here.id(),
              3,
              here.ownerId(),
              changed.updatedAt(),
              List.of("title"),
              null,
              changed.content()));
      // Gone here (say, deleted by hand): the overwrite has to store it again.
      String video = videoOf(card);
      target.store.delete("media/" + video);
      target.media.delete(video);
      events.clear();
    }

    @Test
    void shouldLeaveNothingBehindWhenStoringAFileFailsMidCard() throws Exception {
      failPutOf(videoOf(card));

      RecordingContext context = importInto(exported(true));

      assertThat(itemOf(context, card).reason()).contains("connection reset");
      // The image was stored before the video failed: it is gone again, record and bytes.
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldLeaveNothingBehindWhenTheAddressIsTakenMeanwhile() throws Exception {
      String aliceHere = target.users.findByUsername("alice").orElseThrow().id();
      ModelCard interloper =
          new ModelCard(
              UUID.randomUUID().toString(),
              aliceHere,
              card.slug(),
              Installation.content("Mine", "<p>mine</p>", List.of(), CardContent.Demo.NONE),
              Set.of(),
              start,
              start,
              1);
      store.beforePut(
          key -> {
            if (key.equals("media/" + videoOf(card))) {
              target.cards.insert(interloper);
            }
          });

      RecordingContext context = importInto(exported(true));

      assertThat(itemOf(context, card).reason())
          .isEqualTo("the card's id or address was taken meanwhile");
      assertNothingOfTheCardWasWritten(context);
      assertThat(target.cards.findBySlug(aliceHere, card.slug())).contains(interloper);
    }

    @Test
    void shouldClaimImportedFilesSoThatCleanupKeepsThemUntilTheCardUsesThem() throws Exception {
      String image = Installation.imageOf(card);
      List<Document> seen = new ArrayList<>();
      // Whichever file is stored last (their order is not fixed), the image's record is looked at
      // while a file is being stored, i.e. before the card is written and attached.
      store.beforePut(
          key -> {
            Document record = stored(MediaStore.COLLECTION, image);
            if (record != null && seen.isEmpty()) {
              seen.add(record);
            }
          });

      RecordingContext context = importInto(exported(true));

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
      // Between storing a file and attaching the card, only the claim keeps the cleanup job away
      // (it deletes files with no card, created and claimed before its grace period).
      assertThat(seen)
          .singleElement()
          .satisfies(
              record ->
                  assertSoftly(
                      s -> {
                        s.assertThat(record.get("cardIds")).isNull();
                        s.assertThat(record.getDate("claimedAt"))
                            .isAfterOrEqualTo(Date.from(start));
                        s.assertThat(record.getDate("createdAt"))
                            .isAfterOrEqualTo(Date.from(start));
                      }));
      assertThat(target.references.cardsUsing(image)).containsExactly(card.id());
    }

    @Test
    void shouldKeepTheExistingCardAndItsHistoryWhenAnOverwriteFails() throws Exception {
      importedAndChangedHere();
      Document before = stored(CardRepository.COLLECTION, card.id());
      List<Document> historyBefore = history(card.id());
      failPutOf(videoOf(card));

      RecordingContext context = importInto(exported(true), ConflictMode.OVERWRITE);

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.FAILED);
      assertThat(stored(CardRepository.COLLECTION, card.id())).isEqualTo(before);
      assertThat(history(card.id())).hasSize(3).isEqualTo(historyBefore);
      assertThat(events).doesNotContain("DELETED " + card.id());
    }

    @Test
    void shouldPutBackTheHistoryWhenTheCardChangesDuringAnOverwrite() throws Exception {
      importedAndChangedHere();
      List<Document> cardMeanwhile = new ArrayList<>();
      List<List<Document>> historyMeanwhile = new ArrayList<>();
      store.beforePut(
          key -> {
            // Its owner saves an edit while the import stores the file.
            ModelCard here = target.cards.findById(card.id()).orElseThrow();
            ModelCard edited =
                new ModelCard(
                    here.id(),
                    here.ownerId(),
                    here.slug(),
                    here.content(),
                    here.mediaIds(),
                    here.createdAt(),
                    here.updatedAt(),
                    4);
            target.cards.compareAndSet(edited, 3);
            target.revisions.insert(
                new Revision(here.id(), 4, here.ownerId(), start, List.of(), null, here.content()));
            cardMeanwhile.add(stored(CardRepository.COLLECTION, card.id()));
            historyMeanwhile.add(history(card.id()));
          });

      RecordingContext context = importInto(exported(true), ConflictMode.OVERWRITE);

      assertThat(itemOf(context, card).reason())
          .isEqualTo("the card it replaces changed meanwhile");
      assertThat(stored(CardRepository.COLLECTION, card.id())).isEqualTo(cardMeanwhile.get(0));
      assertThat(history(card.id())).hasSize(4).isEqualTo(historyMeanwhile.get(0));
    }

    @Test
    void shouldPutBackACardItReplacesAtTheAddressWhenWritingTheHistoryFails() throws Exception {
      String aliceHere = target.users.findByUsername("alice").orElseThrow().id();
      ModelCard atAddress =
          new ModelCard(
              UUID.randomUUID().toString(),
              aliceHere,
              card.slug(),
              Installation.content("Here first", "<p>here</p>", List.of(), CardContent.Demo.NONE),
              Set.of(),
              start,
              start,
              1);
      target.cards.insert(atAddress);
      target.revisions.insert(
          new Revision(atAddress.id(), 1, aliceHere, start, List.of(), null, atAddress.content()));
      Document before = stored(CardRepository.COLLECTION, atAddress.id());
      List<Document> historyBefore = history(atAddress.id());
      // A stray record holding the id of the imported card's first revision: its insert fails.
      target
          .mongo
          .database()
          .getCollection(RevisionRepository.COLLECTION)
          .insertOne(new Document("_id", card.id() + ":1").append("cardId", "elsewhere"));

      RecordingContext context = importInto(exported(true), ConflictMode.OVERWRITE);

      assertThat(itemOf(context, card).status()).isEqualTo(JobItem.FAILED);
      assertThat(stored(CardRepository.COLLECTION, atAddress.id())).isEqualTo(before);
      assertThat(history(atAddress.id())).isEqualTo(historyBefore);
      assertNothingOfTheCardWasWritten(context);
    }

    @Test
    void shouldTakeBackOnlyTheRevisionsItWroteWhenTheHistoryIsTakenMeanwhile() throws Exception {
      // Someone else's record holds the id of the imported card's second revision: the first is
      // written, the second refused, and taking back the history must not delete that record.
      Document theirs = new Document("_id", card.id() + ":2").append("cardId", "elsewhere");
      target.mongo.database().getCollection(RevisionRepository.COLLECTION).insertOne(theirs);

      RecordingContext context = importInto(exported(true));

      assertThat(itemOf(context, card).reason()).isEqualTo("the card's history changed meanwhile");
      assertThat(stored(RevisionRepository.COLLECTION, card.id() + ":2")).isEqualTo(theirs);
      assertNothingOfTheCardWasWritten(context);
    }
  }

  @Nested
  class WhenOverwriting {

    private List<Long> numbers(String cardId) {
      return target.revisions.list(cardId).stream().map(Revision::number).sorted().toList();
    }

    /** The card as imported before, then changed here until it reached {@code version}. */
    private ModelCard changedHereTo(long version) throws Exception {
      importInto(exported(true));
      ModelCard here = target.cards.findById(card.id()).orElseThrow();
      ModelCard changed =
          new ModelCard(
              here.id(),
              here.ownerId(),
              here.slug(),
              here.content(),
              here.mediaIds(),
              here.createdAt(),
              here.updatedAt(),
              version);
      assertThat(target.cards.compareAndSet(changed, here.version())).isTrue();
      return changed;
    }

    @Test
    void shouldGiveTheCardAVersionAboveTheOneItReplacesSoThatItsEtagIsStale() throws Exception {
      ModelCard here = changedHereTo(5);

      RecordingContext context = importInto(exported(true), ConflictMode.OVERWRITE);

      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(itemOf(context, card).status()).isEqualTo(JobItem.DONE);
            s.assertThat(imported.version()).isEqualTo(6);
            s.assertThat(imported.etag()).isNotEqualTo(here.etag());
            s.assertThat(numbers(card.id())).containsExactly(1L, 2L, 6L);
            s.assertThat(target.revisions.find(card.id(), 6))
                .hasValueSatisfying(r -> assertThat(r.content()).isEqualTo(imported.content()));
          });
    }

    @Test
    void shouldGiveTheCardAVersionAboveTheBundlesWhenTheBundlesIsHigher() throws Exception {
      changedHereTo(1);

      importInto(exported(true), ConflictMode.OVERWRITE);

      ModelCard imported = target.cards.findById(card.id()).orElseThrow();
      assertThat(imported.version()).isEqualTo(3);
      assertThat(numbers(card.id())).containsExactly(1L, 2L, 3L);
      assertThat(target.revisions.find(card.id(), 2).orElseThrow().content())
          .isEqualTo(imported.content());
    }

    @Test
    void shouldKeepTheBundlesVersionForACardThatReplacesNothing() throws Exception {
      importInto(exported(true), ConflictMode.OVERWRITE);

      assertThat(target.cards.findById(card.id()).orElseThrow().version()).isEqualTo(2);
      assertThat(numbers(card.id())).containsExactly(1L, 2L);
    }
  }
}
