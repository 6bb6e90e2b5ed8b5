package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card whose history is larger than the most an import parses as one entry (lowered here to 256
 * KiB, 64 MiB by default) is exported in several parts and comes back with every revision.
 */
class LargeHistoryRoundTripTest {

  private static final long MAX_JSON_ENTRY_BYTES = 256 * 1024;
  private static final BundleLimits LIMITS =
      new BundleLimits(1L << 30, 10_000, 1L << 32, MAX_JSON_ENTRY_BYTES);
  private static final int REVISIONS = 12;

  @TempDir Path temp;

  private final Installation source = new Installation();
  private final Installation target = new Installation();
  private User alice;
  private User targetAdmin;
  private ModelCard card;

  @BeforeEach
  void setUp() {
    alice = source.user("alice");
    target.user("alice");
    targetAdmin = target.user("root");
    card = muchEditedCard();
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  /** {@value #REVISIONS} revisions of about 30 KB each: about 360 KB of history. */
  private ModelCard muchEditedCard() {
    String id = UUID.randomUUID().toString();
    Instant created = Instant.parse("2026-02-01T10:00:00.001Z");
    CardContent content = null;
    for (int n = 1; n <= REVISIONS; n++) {
      String body =
          Installation.sanitized("<p>" + ("Revision " + n + " says more. ").repeat(1200) + "</p>");
      content = Installation.content("Much edited", body, List.of(), CardContent.Demo.NONE);
      source.revisions.insert(
          new Revision(id, n, alice.id(), created.plusSeconds(n), List.of("body"), null, content));
    }
    ModelCard stored =
        new ModelCard(
            id,
            alice.id(),
            "much-edited",
            content,
            Set.of(),
            created,
            created.plusSeconds(REVISIONS),
            REVISIONS);
    source.cards.insert(stored);
    return stored;
  }

  private Path export(long historyPartBytes) throws Exception {
    Path bundle = temp.resolve("bundle-" + System.nanoTime() + ".zip");
    RecordingContext context = new RecordingContext();
    new BundleExporter(
            source.mongo,
            source.users,
            id -> source.store,
            new InMemorySnapshots(),
            historyPartBytes)
        .export(
            new ExportSelection(null, null, null, null, true, true),
            bundle,
            "admin",
            Instant.now(),
            context);
    assertThat(context.statuses()).containsExactly(JobItem.DONE);
    return bundle;
  }

  private RecordingContext importInto(Path bundle) throws Exception {
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
              (id, kind) -> {})
          .importAll(zip, manifest, ConflictMode.SKIP, targetAdmin.id(), context);
    }
    return context;
  }

  /** The sizes of the card's history parts, in order. */
  private List<Long> historyParts(Path bundle) throws Exception {
    List<Long> sizes = new ArrayList<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      ZipEntry part;
      while ((part = zip.getEntry(BundleFormat.revisions(card.id(), sizes.size() + 1))) != null) {
        sizes.add(zip.getInputStream(part).readAllBytes().length + 0L);
      }
    }
    return sizes;
  }

  @Test
  void shouldWriteAHistoryLargerThanTheImportLimitInPartsWithinIt() throws Exception {
    Path bundle = export(BundleFormat.historyPartBytes(MAX_JSON_ENTRY_BYTES));

    List<Long> parts = historyParts(bundle);

    assertThat(parts.stream().mapToLong(Long::longValue).sum()).isGreaterThan(MAX_JSON_ENTRY_BYTES);
    assertThat(parts).hasSizeGreaterThan(1).allMatch(size -> size <= MAX_JSON_ENTRY_BYTES / 4);
  }

  @Test
  void shouldImportEveryRevisionOfAHistoryInParts() throws Exception {
    Path bundle = export(BundleFormat.historyPartBytes(MAX_JSON_ENTRY_BYTES));

    RecordingContext result = importInto(bundle);

    assertThat(result.statuses()).containsExactly(JobItem.DONE);
    List<Revision> before = source.revisions.list(card.id());
    List<Revision> after = target.revisions.list(card.id());
    assertThat(after).hasSize(REVISIONS);
    for (int i = 0; i < REVISIONS; i++) {
      Revision was = before.get(i);
      Revision is = after.get(i);
      assertSoftly(
          s -> {
            s.assertThat(is.number()).isEqualTo(was.number());
            s.assertThat(is.createdAt()).isEqualTo(was.createdAt());
            s.assertThat(is.fields()).isEqualTo(was.fields());
            s.assertThat(is.content()).isEqualTo(was.content());
          });
    }
    assertThat(target.cards.findById(card.id()).orElseThrow().version()).isEqualTo(REVISIONS);
  }

  @Test
  void shouldPutARevisionLargerThanAPartAloneIntoItsOwnPart() throws Exception {
    Path bundle = export(10_000);

    assertThat(historyParts(bundle)).hasSize(REVISIONS);
    assertThat(importInto(bundle).statuses()).containsExactly(JobItem.DONE);
    assertThat(target.revisions.list(card.id())).hasSize(REVISIONS);
  }

  @Test
  void shouldCheckEveryPartBeforeWritingAnythingOfTheCard() throws Exception {
    Path exported = export(BundleFormat.historyPartBytes(MAX_JSON_ENTRY_BYTES));
    int last = historyParts(exported).size();
    Path bundle =
        new TamperedBundle(exported)
            .revisions(
                card.id(),
                last,
                revisions ->
                    revisions
                        .get(revisions.size() - 1)
                        .get("content", Document.class)
                        .put("title", ""))
            .write(temp.resolve("tampered.zip"));

    RecordingContext result = importInto(bundle);

    assertThat(result.statuses()).containsExactly(JobItem.FAILED);
    assertThat(result.items.get(0).reason()).startsWith("revision " + REVISIONS + " is not valid");
    assertThat(target.allCards()).isEmpty();
    assertThat(target.revisions.list(card.id())).isEmpty();
  }

  @Test
  void shouldRefuseARevisionRepeatedInALaterPart() throws Exception {
    Path exported = export(BundleFormat.historyPartBytes(MAX_JSON_ENTRY_BYTES));
    long[] lastOfFirstPart = {0};
    Path bundle =
        new TamperedBundle(exported)
            .revisions(
                card.id(),
                1,
                revisions ->
                    lastOfFirstPart[0] =
                        revisions.get(revisions.size() - 1).get("number", Number.class).longValue())
            .revisions(
                card.id(), 2, revisions -> revisions.get(0).put("number", lastOfFirstPart[0]))
            .write(temp.resolve("tampered.zip"));

    RecordingContext result = importInto(bundle);

    assertThat(result.statuses()).containsExactly(JobItem.FAILED);
    assertThat(result.items.get(0).reason())
        .isEqualTo("its history has revision " + lastOfFirstPart[0] + " twice");
    assertThat(target.revisions.list(card.id())).isEmpty();
  }
}
