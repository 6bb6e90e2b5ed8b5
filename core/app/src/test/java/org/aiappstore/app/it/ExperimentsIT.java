package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiments through the MLflow plugin, installed in the test server like any plugin, against a
 * fake MLflow tracking server that answers the documented REST API 2.0 shapes.
 */
class ExperimentsIT {

  private static final String API = "/api/2.0/mlflow/";
  private static final String RUN = "4a1b2c3d4e5f40718293a4b5c6d7e8f9";
  private static final String SLOW = "5104510451044510a510451045104510";
  private static final String TOKEN = "tracker-token-that-must-never-leave-the-server";

  private static FakeHttpServer mlflow;
  private static String connectorId;
  private static String user;
  private static AuthIT.Session session;

  @BeforeAll
  static void startTrackerAndConfigureConnector() {
    mlflow = FakeHttpServer.start();
    mlflow.route(
        "GET", API + "runs/get", request -> run(request.queryParameter("run_id").orElse("")));
    mlflow.route(
        "GET",
        API + "experiments/get",
        request ->
            Response.json(
                200, "{\"experiment\":{\"experiment_id\":\"1\",\"name\":\"imagenet-baselines\"}}"));
    mlflow.route(
        "GET",
        API + "metrics/get-history",
        request ->
            Response.json(
                200,
                "{\"metrics\":["
                    + "{\"key\":\"accuracy\",\"value\":0.61,\"timestamp\":1,\"step\":1},"
                    + "{\"key\":\"accuracy\",\"value\":0.74,\"timestamp\":2,\"step\":2},"
                    + "{\"key\":\"accuracy\",\"value\":0.79,\"timestamp\":3,\"step\":3}]}"));
    mlflow.route(
        "GET",
        API + "artifacts/list",
        request ->
            Response.json(
                200,
                "{\"root_uri\":\"s3://mlruns/1/"
                    + RUN
                    + "/artifacts\",\"files\":["
                    + "{\"path\":\"model.onnx\",\"is_dir\":false,\"file_size\":1048576}]}"));
    mlflow.route(
        "POST",
        API + "experiments/search",
        request ->
            Response.json(
                200,
                "{\"experiments\":[{\"experiment_id\":\"1\",\"name\":\"imagenet-baselines\"}]}"));

    connectorId = AuthIT.unique("mlflow");
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            ConnectorsIT.instance(
                connectorId,
                "experiment-connector",
                "mlflow",
                "Team MLflow",
                Map.of(
                    "trackingUrl",
                    mlflow.baseUrl().toString(),
                    "token",
                    TOKEN,
                    "requestTimeoutSeconds",
                    "1")))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(201);
    session = AuthIT.newSession("user");
    user = session.accessToken();
  }

  @AfterAll
  static void stopTracker() {
    if (mlflow != null) {
      mlflow.close();
    }
  }

  private static Response run(String id) {
    if (id.equals(SLOW)) {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!id.equals(RUN)) {
      return Response.json(
          404,
          "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Run '"
              + id
              + "' not found\"}");
    }
    return Response.json(
        200,
        "{\"run\":{\"info\":{\"run_id\":\""
            + RUN
            + "\",\"run_name\":\"resnet50-baseline\",\"experiment_id\":\"1\",\"user_id\":\"alice\","
            + "\"status\":\"FINISHED\",\"start_time\":1767225600000,\"end_time\":1767229200000,"
            + "\"artifact_uri\":\"s3://mlruns/1/"
            + RUN
            + "/artifacts\",\"lifecycle_stage\":\"active\"},"
            + "\"data\":{\"metrics\":[{\"key\":\"accuracy\",\"value\":0.79,\"timestamp\":3,\"step\":3}],"
            + "\"params\":[{\"key\":\"lr\",\"value\":\"0.001\"},{\"key\":\"optimizer\",\"value\":\"adam\"},"
            + "{\"key\":\"pretrained\",\"value\":\"True\"}],"
            + "\"tags\":[{\"key\":\"team\",\"value\":\"vision\"}]}}}");
  }

  @Test
  void shouldListTheConnectorWithItsCapabilitiesButNotItsConfiguration() {
    AuthIT.as(user)
        .get("/api/v1/experiment-connectors")
        .then()
        .statusCode(200)
        .body("id", hasItem(connectorId))
        .body("find { it.id == '" + connectorId + "' }.capabilities", hasItems("scalars", "search"))
        .body(not(containsString(TOKEN)));
  }

  @Test
  void shouldNormalizeARunWithTypedParametersAndScalarsAsPlotlyFigures() {
    String body =
        AuthIT.as(user)
            .get("/api/v1/experiments/" + connectorId + "/" + RUN)
            .then()
            .statusCode(200)
            .body("name", equalTo("resnet50-baseline"))
            .body("project.name", equalTo("imagenet-baselines"))
            .body("status", equalTo("completed"))
            .body("parameters.lr", equalTo(0.001f))
            .body("parameters.optimizer", equalTo("adam"))
            .body("parameters.pretrained", equalTo(true))
            .body("scalars[0].data[0].y", hasItems(0.61f, 0.79f))
            .body("artifacts.name", hasItem("model.onnx"))
            .extract()
            .asString();

    assertThat(body).doesNotContain(TOKEN);
  }

  @Test
  void shouldServeARepeatedReadFromTheCache() {
    AuthIT.as(user).get("/api/v1/experiments/" + connectorId + "/" + RUN).then().statusCode(200);
    mlflow.clearRequests();

    AuthIT.as(user).get("/api/v1/experiments/" + connectorId + "/" + RUN).then().statusCode(200);

    assertThat(mlflow.requests(API + "runs/get")).isEmpty();
  }

  @Test
  void shouldAnswer404ForAnUnknownRun() {
    AuthIT.as(user)
        .get("/api/v1/experiments/" + connectorId + "/00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("EXPERIMENT_NOT_FOUND"));
  }

  @Test
  void shouldAnswer504RetryableWhenTheTrackerIsSlow() {
    AuthIT.as(user)
        .get("/api/v1/experiments/" + connectorId + "/" + SLOW)
        .then()
        .statusCode(504)
        .contentType("application/problem+json")
        .body("retryable", equalTo(true))
        .body(not(containsString(TOKEN)));
  }

  @Test
  void shouldAnswer404ForAConnectorThatIsNotAnExperimentConnector() {
    AuthIT.as(user)
        .get("/api/v1/experiments/filesystem/" + RUN)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldRefuseCloningWhereTheConnectorDoesNotDeclareIt() {
    AuthIT.as(user)
        .contentType("application/json")
        .body("{\"name\": \"again\"}")
        .post("/api/v1/experiments/" + connectorId + "/" + RUN + "/clone")
        .then()
        .statusCode(501)
        .body("code", equalTo("NOT_SUPPORTED"));
  }

  private String linkedCard(String title, String runId, String datasetId) {
    Map<String, Object> card = CardsIT.card(AuthIT.unique(title));
    card.put("experiment", Map.of("connectorId", connectorId, "externalId", runId));
    if (datasetId != null) {
      card.put("dataset", Map.of("connectorId", connectorId, "externalId", datasetId));
    }
    return CardsIT.create(session, card).then().statusCode(201).extract().path("id");
  }

  @Test
  void shouldSnapshotTheLinkedRunIntoAnExportAndWarnOfWhatTheTrackerCannotGive() throws Exception {
    // MLflow has runs but no datasets: the dataset link cannot be snapshotted.
    String linked = linkedCard("Snapshot", RUN, "imagenet-subset");
    String unknownRun = "0123456789abcdef0123456789abcdef";
    String broken = linkedCard("Run deleted", unknownRun, null);
    mlflow.clearRequests();

    String exportId =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(AuthIT.json(Map.of("cardIds", List.of(linked, broken))))
            .post(ExportImportIT.EXPORTS)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Map<String, Object> job = ExportImportIT.awaitEnd(exportId);

    assertThat(job.get("state")).isEqualTo("succeeded");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) job.get("items");
    assertThat(items).extracting(i -> i.get("status")).containsOnly("done");
    assertThat(items)
        .filteredOn(i -> linked.equals(i.get("id")))
        .singleElement()
        .satisfies(
            i ->
                assertThat((String) i.get("reason"))
                    .startsWith("dataset snapshot unavailable: ")
                    .doesNotContain("experiment snapshot"));
    assertThat(items)
        .filteredOn(i -> broken.equals(i.get("id")))
        .singleElement()
        .satisfies(
            i ->
                assertThat((String) i.get("reason"))
                    .startsWith("experiment snapshot unavailable: ")
                    .contains("not found")
                    .doesNotContain(TOKEN));
    // Read from the tracker at export time, not from the cache.
    assertThat(mlflow.requests(API + "runs/get")).hasSizeGreaterThanOrEqualTo(2);

    byte[] bundle =
        AuthIT.asAdmin()
            .get(ExportImportIT.EXPORTS + "/" + exportId + "/bundle")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Map<String, byte[]> entries = ExportImportIT.entries(bundle);
    String path = "cards/" + linked + "/experiment.json";
    String snapshot = new String(entries.get(path), StandardCharsets.UTF_8);
    String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
    assertThat(io.restassured.path.json.JsonPath.from(snapshot).getString("name"))
        .isEqualTo("resnet50-baseline");
    assertThat(io.restassured.path.json.JsonPath.from(snapshot).getList("scalars")).isNotEmpty();
    assertThat(io.restassured.path.json.JsonPath.from(snapshot).getList("artifacts.name"))
        .contains("model.onnx");
    assertThat(snapshot).doesNotContain(TOKEN);
    assertThat(entries)
        .doesNotContainKey("cards/" + linked + "/dataset.json")
        .doesNotContainKey("cards/" + broken + "/experiment.json")
        .containsKey("cards/" + broken + "/card.json");
    assertThat(manifest)
        .contains("\"path\": \"" + path + "\"")
        .contains(MediaIT.sha256(entries.get(path)))
        .contains("experiment snapshot unavailable");

    // The bundle imports (snapshots verified, not written): the skipped cards still exist.
    String importId =
        ExportImportIT.upload(bundle, "?conflict=skip").then().statusCode(202).extract().path("id");
    assertThat(ExportImportIT.awaitEnd(importId).get("state")).isEqualTo("succeeded");
  }
}
