package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.aiappstore.app.apps.AppRepository;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Creating, changing and deleting connector instances. */
class ConnectorInstanceServiceTest {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
  private static final String ID = "minio";

  private final TestingMongo mongo = new TestingMongo();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final MongoConnectorInstanceStore store = new MongoConnectorInstanceStore();
  private final ConnectorInstanceService service = new ConnectorInstanceService();
  private final TestingConnectorFactory factory = new TestingConnectorFactory();

  @BeforeEach
  void setUp() {
    store.connection = mongo;
    ConnectorRegistry registry = new ConnectorRegistry();
    registry.store = store;
    registry.calls =
        new GuardedCalls(threads, new MutableClock(), (connector, plugin, nanos, failed) -> {});
    service.store = store;
    service.catalog = factory.catalog();
    service.calls = registry.calls;
    service.registry = registry;
    service.usage = new ConnectorUsage(mongo);
    store.insert(
        new ConnectorInstance(
            ID,
            "data-connector",
            "s3",
            "MinIO",
            Map.of(),
            ConnectorInstance.Source.DATABASE,
            CREATED,
            CREATED,
            1));
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    mongo.close();
  }

  private void mediaStoredBy(String connectorId, String id) {
    new MediaStore(mongo)
        .insert(
            new MediaRecord(
                id,
                "owner",
                "media/" + id,
                "image/png",
                MediaKind.IMAGE,
                3,
                "abc",
                "x.png",
                CREATED,
                connectorId));
  }

  private void job(String id, String state, Document params, Document result) {
    mongo
        .database()
        .getCollection(JobRepository.COLLECTION)
        .insertOne(
            new Document("_id", id)
                .append("type", "export")
                .append("state", state)
                .append("params", params)
                .append("result", result));
  }

  private static ConnectorInstanceRequest directory(String id, Map<String, String> config) {
    return new ConnectorInstanceRequest(
        id, "data-connector", TestingConnectorFactory.ID, "Directory", config);
  }

  @Nested
  class WhenSettingsAreSent {

    @Test
    void shouldRejectOnCreateAValueOnlyTheFactoryRejects() {
      assertThatThrownBy(
              () -> service.create(directory("local", Map.of("baseDirectory", "relative"))))
          .isInstanceOfSatisfying(
              InvalidConfigException.class,
              e -> {
                assertThat(e.errorCode().httpStatus()).isEqualTo(422);
                assertThat(e.violations())
                    .extracting(ConfigViolation::property)
                    .containsExactly("baseDirectory");
              });
      assertThat(store.find("local")).isEmpty();
    }

    @Test
    void shouldRejectOnUpdateAValueOnlyTheFactoryRejects() {
      service.create(directory("local", Map.of("baseDirectory", "/srv/data")));

      assertThatThrownBy(
              () -> service.update("local", directory("local", Map.of("baseDirectory", "data"))))
          .isInstanceOf(InvalidConfigException.class);
      assertThat(store.find("local").orElseThrow().config())
          .containsEntry("baseDirectory", "/srv/data");
    }

    @Test
    void shouldCloseTheConnectorBuiltToCheckTheSettings() {
      service.create(directory("local", Map.of("baseDirectory", "/srv/data")));

      assertThat(factory.built).hasValue(1);
      assertThat(factory.closed).hasValue(1);
    }

    @Test
    void shouldTreatANullValueAsNotSent() {
      Map<String, String> config = new HashMap<>();
      config.put("baseDirectory", "/srv/data");
      config.put("region", null);

      service.create(directory("local", config));

      assertThat(store.find("local").orElseThrow().config()).containsOnlyKeys("baseDirectory");
    }
  }

  @Nested
  class WhenTheBackendRunsApps {

    @Test
    void shouldRefuseToDeleteIt() {
      mongo
          .database()
          .getCollection(AppRepository.COLLECTION)
          .insertOne(
              new Document("_id", "demo").append("backendId", ID).append("state", "RUNNING"));

      assertThatThrownBy(() -> service.delete(ID))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("CONNECTOR_IN_USE");
                assertThat(e.getMessage()).contains("1 app(s)");
              });
      assertThat(store.find(ID)).isPresent();
    }
  }

  @Nested
  class WhenTheInstanceStoresNothing {

    @Test
    void shouldDeleteIt() {
      mediaStoredBy("filesystem", "a");
      job("j1", "succeeded", new Document(), new Document("cards", 0));
      job("j2", "succeeded", new Document("connectorId", ID).append("key", "imports/x.zip"), null);

      service.delete(ID);

      assertThat(store.find(ID)).isEmpty();
    }
  }

  @Nested
  class WhenTheInstanceStoresFiles {

    @Test
    void shouldRefuseWhileMediaRecordsNameIt() {
      mediaStoredBy(ID, "a");
      mediaStoredBy(ID, "b");

      assertThatThrownBy(() -> service.delete(ID))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("CONNECTOR_IN_USE");
                assertThat(e.getMessage()).contains("2 media file(s)", "0 export or import");
              });
      assertThat(store.find(ID)).isPresent();
    }

    @Test
    void shouldRefuseWhileAnExportBundleIsStoredThere() {
      job("j1", "succeeded", new Document(), new Document("connectorId", ID).append("key", "k"));

      assertThatThrownBy(() -> service.delete(ID))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(e.getMessage()).contains("1 export or import bundle(s)"));
      assertThat(store.find(ID)).isPresent();
    }

    @Test
    void shouldRefuseWhileAnImportWaitsForItsUploadThere() {
      job("j1", "queued", new Document("connectorId", ID).append("key", "imports/x.zip"), null);

      assertThatThrownBy(() -> service.delete(ID)).isInstanceOf(ProblemException.class);
      assertThat(store.find(ID)).isPresent();
    }
  }
}
