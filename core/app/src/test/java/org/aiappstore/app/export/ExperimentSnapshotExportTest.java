package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardContent.ExternalRef;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card's linked experiment and dataset go into its bundle entry as snapshots read at export time;
 * a tracker that cannot answer costs the snapshot, never the card.
 */
class ExperimentSnapshotExportTest {

  private static final BundleLimits LIMITS = new BundleLimits(1L << 30, 10_000, 1L << 32, 1L << 26);
  private static final ExternalRef RUN = new ExternalRef("mlflow", "run-1");
  private static final ExternalRef DATA = new ExternalRef("clearml", "data-1");
  private static final JsonObject RUN_JSON =
      Json.createObjectBuilder()
          .add("connectorId", "mlflow")
          .add("id", "run-1")
          .add("name", "resnet50-baseline")
          .add("parameters", Json.createObjectBuilder().add("lr", 0.001))
          .add(
              "artifacts",
              Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "model.onnx")))
          .build();
  private static final JsonObject DATA_JSON =
      Json.createObjectBuilder()
          .add("connectorId", "clearml")
          .add("id", "data-1")
          .add("name", "imagenet-subset")
          .add("version", "3")
          .build();

  @TempDir Path temp;

  private final Installation source = new Installation();
  private final Installation target = new Installation();
  private final InMemorySnapshots tracker = new InMemorySnapshots();
  private final User alice = source.user("alice");

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private ModelCard linkedCard(int n, ExternalRef experiment, ExternalRef dataset) {
    CardContent e =
        Installation.content("Linked " + n, "<p>x</p>", List.of(), CardContent.Demo.NONE);
    CardContent content =
        new CardContent(
            e.title(),
            e.task(),
            e.tags(),
            e.frameworks(),
            e.description(),
            e.explanation(),
            e.usage(),
            e.limitations(),
            e.ownerDisplayName(),
            e.pointOfContact(),
            e.body(),
            e.performance(),
            e.artifacts(),
            experiment,
            dataset,
            e.demo(),
            e.visibility(),
            e.sharedWith());
    Instant at = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n);
    ModelCard card =
        new ModelCard(
            UUID.randomUUID().toString(), alice.id(), "linked-" + n, content, Set.of(), at, at, 1);
    source.cards.insert(card);
    return card;
  }

  private RecordingContext export(Path bundle) throws IOException {
    RecordingContext context = new RecordingContext();
    new BundleExporter(source.mongo, source.users, id -> source.store, tracker)
        .export(
            new ExportSelection(null, null, null, null, true, false),
            bundle,
            "admin",
            Instant.now(),
            context);
    return context;
  }

  private static Map<String, byte[]> entries(Path bundle) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
      }
    }
    return entries;
  }

  private static Document manifest(Map<String, byte[]> entries) {
    return Document.parse(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
  }

  private static JsonObject json(byte[] bytes) {
    try (var reader = Json.createReader(new java.io.ByteArrayInputStream(bytes))) {
      return reader.readObject();
    }
  }

  @Test
  void shouldWriteTheLinkedExperimentAndDatasetWithTheirChecksumsInTheManifest() throws Exception {
    tracker
        .put("experiment", "mlflow", "run-1", RUN_JSON)
        .put("dataset", "clearml", "data-1", DATA_JSON);
    ModelCard card = linkedCard(1, RUN, DATA);
    Path bundle = temp.resolve("linked.zip");

    RecordingContext context = export(bundle);

    Map<String, byte[]> entries = entries(bundle);
    String experimentPath = "cards/" + card.id() + "/experiment.json";
    String datasetPath = "cards/" + card.id() + "/dataset.json";
    List<Document> listed = manifest(entries).getList("entries", Document.class);
    assertSoftly(
        s -> {
          s.assertThat(context.items)
              .containsExactly(new JobItem(card.id(), "Linked 1", JobItem.DONE, null));
          s.assertThat(json(entries.get(experimentPath))).isEqualTo(RUN_JSON);
          s.assertThat(json(entries.get(datasetPath))).isEqualTo(DATA_JSON);
          s.assertThat(listed)
              .filteredOn(e -> e.getString("path").equals(experimentPath))
              .singleElement()
              .satisfies(
                  e ->
                      assertThat(e.getString("sha256"))
                          .isEqualTo(Installation.sha256(entries.get(experimentPath))));
          s.assertThat(listed).extracting(e -> e.getString("path")).contains(datasetPath);
          s.assertThat(manifest(entries).getList("cards", Document.class).get(0).get("warnings"))
              .isNull();
        });
  }

  @Test
  void shouldExportTheCardWithAWarningWhenTheTrackerCannotGiveTheSnapshot() throws Exception {
    tracker
        .fail(
            "experiment",
            "mlflow",
            "run-1",
            new PlatformException(
                PlatformErrors.UNAVAILABLE,
                "MLflow at http://mlflow:5000 did not answer",
                null,
                true))
        .put("dataset", "clearml", "data-1", DATA_JSON);
    ModelCard card = linkedCard(1, RUN, DATA);
    Path bundle = temp.resolve("unavailable.zip");

    RecordingContext context = export(bundle);

    Map<String, byte[]> entries = entries(bundle);
    String warning = "experiment snapshot unavailable: MLflow at http://mlflow:5000 did not answer";
    assertSoftly(
        s -> {
          s.assertThat(context.items)
              .containsExactly(new JobItem(card.id(), "Linked 1", JobItem.DONE, warning));
          s.assertThat(entries).containsKey("cards/" + card.id() + "/card.json");
          s.assertThat(entries).doesNotContainKey("cards/" + card.id() + "/experiment.json");
          s.assertThat(entries).containsKey("cards/" + card.id() + "/dataset.json");
          s.assertThat(manifest(entries).getList("cards", Document.class).get(0).get("warnings"))
              .isEqualTo(List.of(warning));
        });
  }

  @Test
  void shouldExportTheCardWhenItsConnectorIsGone() throws Exception {
    tracker.fail(
        "experiment",
        "removed",
        "run-9",
        PlatformException.notFound("No connector instance 'removed'."));
    ModelCard card = linkedCard(1, new ExternalRef("removed", "run-9"), null);

    RecordingContext context = export(temp.resolve("gone.zip"));

    assertThat(context.items)
        .containsExactly(
            new JobItem(
                card.id(),
                "Linked 1",
                JobItem.DONE,
                "experiment snapshot unavailable: No connector instance 'removed'."));
  }

  @Test
  void shouldNotLeakTheClassOfAnUnexpectedFailure() throws Exception {
    tracker.fail("experiment", "mlflow", "run-1", new NullPointerException("secret detail"));
    linkedCard(1, RUN, null);

    RecordingContext context = export(temp.resolve("npe.zip"));

    assertThat(context.items.get(0).reason())
        .isEqualTo("experiment snapshot unavailable: unexpected error (see the server log)");
  }

  @Test
  void shouldReadAnExperimentLinkedFromSeveralCardsOnce() throws Exception {
    tracker.put("experiment", "mlflow", "run-1", RUN_JSON);
    ModelCard first = linkedCard(1, RUN, null);
    ModelCard second = linkedCard(2, RUN, null);
    Path bundle = temp.resolve("shared.zip");

    export(bundle);

    assertThat(tracker.reads).containsExactly("experiment mlflow/run-1");
    assertThat(entries(bundle))
        .containsKeys(
            "cards/" + first.id() + "/experiment.json",
            "cards/" + second.id() + "/experiment.json");
  }

  @Test
  void shouldRestoreTheLinkFromTheCardAndOnlyVerifyTheSnapshotOnImport() throws Exception {
    tracker
        .put("experiment", "mlflow", "run-1", RUN_JSON)
        .put("dataset", "clearml", "data-1", DATA_JSON);
    ModelCard card = linkedCard(1, RUN, DATA);
    Path bundle = temp.resolve("roundtrip.zip");
    export(bundle);
    User admin = target.user("root");

    RecordingContext imported = new RecordingContext();
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
          .importAll(zip, manifest, ConflictMode.SKIP, admin.id(), imported);
    }

    assertThat(imported.statuses()).containsExactly(JobItem.DONE);
    ModelCard copy = target.cards.findById(card.id()).orElseThrow();
    assertThat(copy.content().experiment()).isEqualTo(RUN);
    assertThat(copy.content().dataset()).isEqualTo(DATA);
  }

  @Test
  void shouldRefuseABundleWhoseSnapshotWasChanged() throws Exception {
    tracker.put("experiment", "mlflow", "run-1", RUN_JSON);
    ModelCard card = linkedCard(1, RUN, null);
    Path bundle = temp.resolve("original.zip");
    export(bundle);
    Map<String, byte[]> entries = entries(bundle);
    String path = "cards/" + card.id() + "/experiment.json";
    entries.put(
        path,
        new String(entries.get(path), StandardCharsets.UTF_8)
            .replace("0.001", "0.1")
            .getBytes(StandardCharsets.UTF_8));
    Path tampered = temp.resolve("tampered.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tampered))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }

    try (ZipFile zip = BundleReader.open(tampered)) {
      assertThatThrownBy(() -> BundleReader.verify(zip, LIMITS))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e ->
                  assertThat(e.errors())
                      .extracting(Problem.FieldError::pointer)
                      .containsExactly("/entries/cards~1" + card.id() + "~1experiment.json"));
    }
  }
}
