package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, done when: "killing the server in the middle of an export and starting it again ends
 * with the job resumed or failed with a reason, not stuck". A separate installation (a {@link
 * ReplicaServer} with its own database, which outlives its process as an external MongoDB would)
 * runs an export made slow by a slow tracker: every card links a run that MLflow takes {@link
 * #TRACKER_DELAY} to answer, and exports snapshot linked runs. Mid-way its JVM is killed with
 * SIGKILL, then the server is started again on what it left.
 *
 * <p>Not the shared-database replica of {@link ReplicasIT}: there the test server holds the jobs
 * lease for good (it renews it on every poll), so the export would never run on the replica, and it
 * would be the test server, not the restarted one, that recovers the job.
 */
class ExportRestartIT {

  private static final String API = "/api/2.0/mlflow/";
  private static final Duration TRACKER_DELAY = Duration.ofMillis(800);
  private static final int CARDS = 8;
  private static final int LEASE_SECONDS = 6;

  /** Lease expiry, a poll, and the whole export again, with room for a loaded machine. */
  private static final Duration END_BOUND = Duration.ofSeconds(90);

  private static FakeHttpServer mlflow;
  private static ReplicaServer replica;
  private static String database;
  private static String token;

  @BeforeAll
  static void startTrackerAndInstallation() throws Exception {
    mlflow = FakeHttpServer.start();
    mlflow.route("GET", API + "runs/get", request -> slowRun(request.queryParameter("run_id")));
    mlflow.route(
        "GET",
        API + "experiments/get",
        request ->
            FakeHttpServer.Response.json(
                200, "{\"experiment\":{\"experiment_id\":\"1\",\"name\":\"restarts\"}}"));
    mlflow.route(
        "GET",
        API + "artifacts/list",
        request -> FakeHttpServer.Response.json(200, "{\"files\":[]}"));
    database = "aiappstore-restart-" + UUID.randomUUID().toString().substring(0, 8);
    replica =
        ReplicaServer.startSeparate(
            database,
            Map.of(
                "aiappstore.jobs.lease-seconds",
                String.valueOf(LEASE_SECONDS),
                "aiappstore.jobs.poll-millis",
                "200"));
    token = login();
  }

  @AfterAll
  static void stop() throws Exception {
    if (replica != null) {
      replica.close();
    }
    if (mlflow != null) {
      mlflow.close();
    }
  }

  private static FakeHttpServer.Response slowRun(java.util.Optional<String> runId) {
    try {
      Thread.sleep(TRACKER_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String id = runId.orElse("");
    return FakeHttpServer.Response.json(
        200,
        "{\"run\":{\"info\":{\"run_id\":\""
            + id
            + "\",\"run_name\":\"run-"
            + id.substring(0, 6)
            + "\",\"experiment_id\":\"1\",\"user_id\":\"alice\",\"status\":\"FINISHED\","
            + "\"start_time\":1767225600000,\"lifecycle_stage\":\"active\"},"
            + "\"data\":{\"params\":[{\"key\":\"lr\",\"value\":\"0.01\"}]}}}");
  }

  private static String login() {
    return RestAssured.given()
        .baseUri(replica.baseUrl())
        .header("X-Forwarded-For", AuthIT.randomAddress())
        .contentType("application/json")
        .body(
            AuthIT.json(
                Map.of("username", AuthIT.adminUsername(), "password", AuthIT.adminPassword())))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }

  private static RequestSpecification onReplica() {
    return RestAssured.given()
        .baseUri(replica.baseUrl())
        .header("Authorization", "Bearer " + token);
  }

  /** Polls the job on the replica until {@code condition} holds; fails past {@code bound}. */
  private static JsonPath awaitJob(String jobId, Duration bound, Predicate<JsonPath> condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(bound);
    JsonPath job = null;
    while (Instant.now().isBefore(deadline)) {
      Response response = onReplica().get("/api/v1/admin/jobs/" + jobId);
      response.then().statusCode(200);
      job = response.jsonPath();
      if (condition.test(job)) {
        return job;
      }
      Thread.sleep(100); // the job runs in the server's background
    }
    throw new AssertionError(
        "job " + jobId + " not as expected within " + bound + "; last seen: " + job.prettify());
  }

  private static void createLinkedCards(String connectorId, List<String> ids) {
    for (int i = 0; i < CARDS; i++) {
      Map<String, Object> card = CardsIT.card("Restarted export " + i);
      String runId = UUID.randomUUID().toString().replace("-", "");
      card.put("experiment", Map.of("connectorId", connectorId, "externalId", runId));
      ids.add(
          onReplica()
              .contentType("application/json")
              .body(AuthIT.json(card))
              .post(CardsIT.MODELS)
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
  }

  @Test
  void shouldResumeAnExportWhoseServerWasKilledMidwayOnceTheServerIsStartedAgain()
      throws Exception {
    String connectorId = "mlflow-restart";
    onReplica()
        .contentType("application/json")
        .body(
            ConnectorsIT.instance(
                connectorId,
                "experiment-connector",
                "mlflow",
                "Slow MLflow",
                Map.of("trackingUrl", mlflow.baseUrl().toString(), "requestTimeoutSeconds", "10")))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(201);
    List<String> cardIds = new ArrayList<>();
    createLinkedCards(connectorId, cardIds);
    String jobId =
        onReplica()
            .contentType("application/json")
            .body(AuthIT.json(Map.of("cardIds", cardIds)))
            .post(ExportImportIT.EXPORTS)
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    awaitJob(
        jobId,
        Duration.ofSeconds(60),
        job -> "running".equals(job.getString("state")) && job.getInt("progress.done") >= 2);
    replica.kill();

    try (MongoClient client = MongoClients.create(replica.mongoUri())) {
      MongoCollection<Document> jobs = client.getDatabase(database).getCollection("jobs");
      Document killed = jobs.find(Filters.eq("_id", jobId)).first();
      assertThat(replica.answers()).as("the killed server answers").isFalse();
      // Really mid-way: the dead process left the job running, part done, with no bundle.
      assertSoftly(
          s -> {
            s.assertThat(killed.getString("state")).isEqualTo("running");
            s.assertThat(killed.get("done", Number.class).longValue()).isLessThan(CARDS);
            s.assertThat(killed.get("result")).isNull();
          });
      String deadRunner = killed.getString("runner");

      replica.restart();
      token = login();
      JsonPath ended =
          awaitJob(
              jobId,
              END_BOUND,
              job -> !List.of("queued", "running").contains(job.getString("state")));

      Document record = jobs.find(Filters.eq("_id", jobId)).first();
      assertSoftly(
          s -> {
            s.assertThat(ended.getString("state")).as("state").isEqualTo("succeeded");
            s.assertThat(ended.getString("error")).as("error").isNull();
            s.assertThat(ended.getList("items.status")).hasSize(CARDS).containsOnly("done");
            s.assertThat(ended.getInt("result.cards")).isEqualTo(CARDS);
            s.assertThat(record.getInteger("attempts")).as("attempts").isEqualTo(2);
            s.assertThat(record.getString("runner")).isNotEqualTo(deadRunner);
          });
    }

    // The bundle the job refers to is whole: its digest is the recorded one, and every entry
    // matches the manifest (an interrupted write would not).
    byte[] bundle =
        onReplica()
            .get(ExportImportIT.EXPORTS + "/" + jobId + "/bundle")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    JsonPath result = onReplica().get(ExportImportIT.EXPORTS + "/" + jobId).jsonPath();
    assertThat(MediaIT.sha256(bundle)).isEqualTo(result.getString("result.sha256"));
    assertThat((long) bundle.length).isEqualTo(result.getLong("result.size"));
    Map<String, byte[]> entries = ExportImportIT.entries(bundle);
    JsonPath manifest =
        JsonPath.from(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
    List<Map<String, Object>> listed = manifest.getList("entries");
    assertThat(entries).hasSize(listed.size() + 1);
    for (Map<String, Object> entry : listed) {
      String path = (String) entry.get("path");
      assertThat(entries).containsKey(path);
      assertThat(MediaIT.sha256(entries.get(path))).as(path).isEqualTo(entry.get("sha256"));
    }
    for (String cardId : cardIds) {
      assertThat(entries).containsKeys("cards/" + cardId + "/experiment.json");
    }
  }
}
