package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export from one installation, import into a fresh one (empty database, empty store): cards,
 * revisions and media come back equal, byte for byte.
 */
class ExportImportRoundTripTest {

  private static final BundleLimits LIMITS = new BundleLimits(1L << 30, 10_000, 1L << 32, 1L << 26);

  @TempDir Path temp;

  private final Installation source = new Installation();
  private final Installation target = new Installation();
  private final List<String> events = new ArrayList<>();
  private User alice;
  private User bob;
  private User targetAlice;
  private User targetAdmin;
  private final List<ModelCard> exported = new ArrayList<>();

  @BeforeEach
  void setUp() {
    alice = source.user("alice");
    bob = source.user("bob");
    for (int n = 1; n <= 20; n++) {
      exported.add(source.card(n % 2 == 0 ? alice : bob, n, n % 2 == 0 ? bob : null));
    }
    // Alice exists on the target under another id; bob does not.
    targetAlice = target.user("alice");
    targetAdmin = target.user("root");
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private Path export(boolean revisions) throws Exception {
    Path bundle = temp.resolve("bundle-" + System.nanoTime() + ".zip");
    RecordingContext context = new RecordingContext();
    int count =
        new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
            .export(
                new ExportSelection(null, null, null, null, true, revisions),
                bundle,
                "admin",
                Instant.now(),
                context);
    assertThat(count).isEqualTo(20);
    assertThat(context.statuses()).hasSize(20).containsOnly(JobItem.DONE);
    return bundle;
  }

  private RecordingContext importInto(Path bundle, ConflictMode mode) throws Exception {
    RecordingContext context = new RecordingContext();
    try (ZipFile zip = BundleReader.open(bundle)) {
      Document manifest = BundleReader.verify(zip, LIMITS);
      new BundleImporter(
              target.mongo,
              target.users,
              target.store,
              "target-store",
              kind -> 1L << 20,
              LIMITS.maxJsonEntryBytes(),
              "job",
              (id, kind) -> events.add(kind + " " + id))
          .importAll(zip, manifest, mode, targetAdmin.id(), context);
    }
    return context;
  }

  private String mapped(String sourceUserId) {
    return sourceUserId.equals(alice.id()) ? targetAlice.id() : targetAdmin.id();
  }

  @Test
  void shouldReproduceCardsRevisionsAndMediaByteForByte() throws Exception {
    Path bundle = export(true);
    Instant importStart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    RecordingContext result = importInto(bundle, ConflictMode.SKIP);

    assertThat(result.statuses()).hasSize(20).containsOnly(JobItem.DONE);
    assertThat(target.allCards()).hasSize(20);
    for (ModelCard original : exported) {
      ModelCard copy = target.cards.findById(original.id()).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(copy.slug()).isEqualTo(original.slug());
            s.assertThat(copy.ownerId()).isEqualTo(mapped(original.ownerId()));
            // bob is unknown on the target: he drops out of the share list.
            s.assertThat(copy.content().sharedWith()).isEmpty();
            s.assertThat(copy.content().withSharedWith(List.of()))
                .isEqualTo(original.content().withSharedWith(List.of()));
            s.assertThat(copy.content().body()).contains("data-figure");
            s.assertThat(copy.mediaIds()).isEqualTo(original.mediaIds());
            s.assertThat(copy.createdAt()).isEqualTo(original.createdAt());
            s.assertThat(copy.updatedAt()).isEqualTo(original.updatedAt());
            s.assertThat(copy.version()).isEqualTo(original.version());
          });
      List<Revision> before = source.revisions.list(original.id());
      List<Revision> after = target.revisions.list(original.id());
      assertThat(after).hasSize(2);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).number()).isEqualTo(before.get(i).number());
        assertThat(after.get(i).createdAt()).isEqualTo(before.get(i).createdAt());
        assertThat(after.get(i).fields()).isEqualTo(before.get(i).fields());
        assertThat(after.get(i).authorId()).isEqualTo(mapped(before.get(i).authorId()));
        assertThat(after.get(i).content().withSharedWith(List.of()))
            .isEqualTo(before.get(i).content().withSharedWith(List.of()));
      }
      for (String mediaId : original.mediaIds()) {
        MediaRecord was = source.media.find(mediaId).orElseThrow();
        MediaRecord is = target.media.find(mediaId).orElseThrow();
        assertThat(target.read(is.key())).isEqualTo(source.read(was.key()));
        assertThat(is.sha256()).isEqualTo(was.sha256());
        assertThat(is.size()).isEqualTo(was.size());
        assertThat(is.contentType()).isEqualTo(was.contentType());
        assertThat(is.name()).isEqualTo(was.name());
        assertThat(is.createdAt()).isAfterOrEqualTo(importStart);
        assertThat(is.connectorId()).isEqualTo("target-store");
        assertThat(target.references.cardsUsing(mediaId)).containsExactly(original.id());
      }
    }
    assertThat(events).hasSize(20).allMatch(e -> e.startsWith("CREATED "));
  }

  @Test
  void shouldGiveACardExportedWithoutHistoryOneRevision() throws Exception {
    Path bundle = export(false);

    importInto(bundle, ConflictMode.SKIP);

    ModelCard original = exported.get(0);
    List<Revision> after = target.revisions.list(original.id());
    assertThat(after).hasSize(1);
    assertThat(after.get(0).number()).isEqualTo(original.version());
    assertThat(after.get(0).content().title()).isEqualTo(original.content().title());
  }

  @Test
  void shouldExportTheSpecOfADemoAppWithSecretNamesOnlyAndImportTheCard() throws Exception {
    ModelCard first = exported.get(0);
    var cards =
        source.mongo.database().getCollection(org.aiappstore.app.model.CardRepository.COLLECTION);
    cards.updateOne(
        com.mongodb.client.model.Filters.eq("_id", first.id()),
        com.mongodb.client.model.Updates.set(
            "content.demo", new Document("type", "app").append("appId", "app-1")));
    source
        .mongo
        .database()
        .getCollection(org.aiappstore.app.apps.AppRepository.COLLECTION)
        .insertOne(
            new Document("_id", "app-1")
                .append("image", "ghcr.io/team/detector:1.2")
                .append("port", 8080)
                .append("secretEnvNames", List.of("API_KEY")));

    Path bundle = export(false);

    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      String app =
          new String(
              zip.getInputStream(zip.getEntry("cards/" + first.id() + "/app.json")).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(app).contains("ghcr.io/team/detector:1.2").contains("API_KEY");
    }
    RecordingContext imported = importInto(bundle, ConflictMode.SKIP);
    assertThat(imported.statuses()).hasSize(20).containsOnly(JobItem.DONE);
  }

  @Test
  void shouldListEveryEntryWithItsChecksumInTheManifest() throws Exception {
    Path bundle = export(true);

    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      Document manifest = BundleReader.verify(zip, LIMITS);
      assertThat(manifest.getInteger("formatVersion")).isEqualTo(1);
      assertThat(manifest.getList("cards", Document.class)).hasSize(20);
      // 20 cards with card.json and revisions.json, 40 media with meta.json and content
      assertThat(manifest.getList("entries", Document.class)).hasSize(120);
      assertThat(zip.size()).isEqualTo(121);
      assertThat(manifest.getList("entries", Document.class))
          .allSatisfy(e -> assertThat(e.getString("sha256")).hasSize(64));
    }
  }

  @Test
  void shouldReportACardWhoseMediaIsGoneAndExportTheOthers() throws Exception {
    ModelCard broken = exported.get(3);
    String mediaId = broken.mediaIds().iterator().next();
    source.store.delete(source.media.find(mediaId).orElseThrow().key());
    RecordingContext context = new RecordingContext();

    int count =
        new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
            .export(
                new ExportSelection(null, null, null, null, true, false),
                temp.resolve("partial.zip"),
                "admin",
                Instant.now(),
                context);

    assertThat(count).isEqualTo(19);
    JobItem failed = context.items.stream().filter(JobItem::failed).findFirst().orElseThrow();
    assertThat(failed.id()).isEqualTo(broken.id());
    assertThat(failed.reason()).contains(mediaId).contains("missing");
  }

  @Test
  void shouldExportOnlyTheSelectedCardsAndReportUnknownIds() throws Exception {
    RecordingContext context = new RecordingContext();
    int count =
        new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
            .export(
                new ExportSelection(
                    List.of(exported.get(0).id(), "no-such-card"), null, null, null, false, false),
                temp.resolve("some.zip"),
                "admin",
                Instant.now(),
                context);

    assertThat(count).isEqualTo(1);
    assertThat(context.total).isEqualTo(2);
    assertThat(context.items)
        .extracting(JobItem::id, JobItem::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(exported.get(0).id(), JobItem.DONE),
            org.assertj.core.groups.Tuple.tuple("no-such-card", JobItem.FAILED));
  }

  @Test
  void shouldSelectByOwner() throws Exception {
    RecordingContext context = new RecordingContext();
    int count =
        new BundleExporter(source.mongo, source.users, id -> source.store, new InMemorySnapshots())
            .export(
                new ExportSelection(null, "alice", null, null, false, false),
                temp.resolve("alice.zip"),
                "admin",
                Instant.now(),
                context);

    assertThat(count).isEqualTo(10);
  }

  @Nested
  class OnConflict {

    private Path bundle;

    @BeforeEach
    void importOnce() throws Exception {
      bundle = export(true);
      importInto(bundle, ConflictMode.SKIP);
      events.clear();
    }

    @Test
    void shouldSkipCardsThatExist() throws Exception {
      RecordingContext again = importInto(bundle, ConflictMode.SKIP);

      assertThat(again.statuses()).containsOnly(JobItem.SKIPPED);
      assertThat(again.items.get(0).reason()).isEqualTo("a card with this id exists");
      assertThat(target.allCards()).hasSize(20);
    }

    @Test
    void shouldOverwriteCardsThatExist() throws Exception {
      ModelCard first = exported.get(0);
      ModelCard changed = target.cards.findById(first.id()).orElseThrow();
      target.cards.compareAndSet(
          new ModelCard(
              changed.id(),
              changed.ownerId(),
              changed.slug(),
              changed.content().withSharedWith(List.of(targetAdmin.id())),
              changed.mediaIds(),
              changed.createdAt(),
              changed.updatedAt(),
              changed.version() + 5),
          changed.version());

      RecordingContext again = importInto(bundle, ConflictMode.OVERWRITE);

      assertThat(again.statuses()).containsOnly(JobItem.DONE);
      assertThat(target.allCards()).hasSize(20);
      // Above the version it replaced, so that an ETag read before the import is stale; the
      // bundle's two revisions and one for the new version.
      assertThat(target.cards.findById(first.id()).orElseThrow().version())
          .isEqualTo(changed.version() + 5 + 1);
      assertThat(target.revisions.list(first.id())).hasSize(3);
      assertThat(events).filteredOn(e -> e.startsWith("DELETED")).hasSize(20);
    }

    @Test
    void shouldImportBesideUnderANewSlug() throws Exception {
      RecordingContext again = importInto(bundle, ConflictMode.NEW_SLUG);

      assertThat(again.statuses()).containsOnly(JobItem.DONE);
      assertThat(target.allCards()).hasSize(40);
      ModelCard first = exported.get(0);
      JobItem item =
          again.items.stream().filter(i -> i.id().equals(first.id())).findFirst().orElseThrow();
      assertThat(item.reason()).startsWith("imported as " + first.slug() + "-2 with id ");
      String newId = item.reason().substring(item.reason().lastIndexOf(' ') + 1);
      assertThat(target.revisions.list(newId)).hasSize(2);
      // Both copies use the same media files, stored once.
      for (String mediaId : first.mediaIds()) {
        assertThat(target.references.cardsUsing(mediaId)).contains(first.id(), newId);
      }
      assertThat(target.store.list("media/", 1000)).hasSize(40);
    }
  }
}
