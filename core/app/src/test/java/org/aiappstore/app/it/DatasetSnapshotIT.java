package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A card's linked dataset in an export, through the ClearML plugin installed in the test server,
 * against a fake ClearML API server answering the documented JSON-over-POST shapes ({@code
 * auth.login} with HTTP Basic, then bearer calls): a dataset is a task with the {@code dataset}
 * system tag, in a hidden {@code .datasets} project.
 */
class DatasetSnapshotIT {

  private static final String ACCESS_KEY = "ITCLEARMLACCESSKEY";
  private static final String SECRET_KEY = "it-clearml-secret-that-must-never-leave-the-server";
  private static final String TOKEN = "it-clearml-session-token";
  private static final String DATASET = "d5e6f7a8b9c04d1e2f3a4b5c6d7e8f90";
  private static final String DATASET_PROJECT = "f0e1d2c3b4a5469788796a5b4c3d2e1f";

  private static FakeHttpServer clearml;
  private static String connectorId;
  private static AuthIT.Session owner;

  @BeforeAll
  static void startClearMlAndConfigureConnector() {
    clearml = FakeHttpServer.start();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ACCESS_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
    clearml.route(
        "POST",
        "/auth.login",
        request ->
            basic.equals(request.header("Authorization").orElse(""))
                ? ok("auth.login", "{\"token\":\"" + TOKEN + "\"}")
                : error(401, "Unauthorized (invalid credentials)"));
    clearml.route(
        "POST",
        "/tasks.get_by_id",
        request ->
            !signedIn(request)
                ? error(401, "Unauthorized (invalid token)")
                : request.body().contains(DATASET)
                    ? ok("tasks.get_by_id", "{\"task\":" + DATASET_TASK + "}")
                    : error(400, "Invalid task id"));
    clearml.route(
        "POST",
        "/projects.get_by_id",
        request ->
            !signedIn(request)
                ? error(401, "Unauthorized (invalid token)")
                : ok(
                    "projects.get_by_id",
                    "{\"project\":{\"id\":\""
                        + DATASET_PROJECT
                        + "\",\"name\":\"Vision/.datasets/cats\"}}"));

    connectorId = AuthIT.unique("clearml");
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            ConnectorsIT.instance(
                connectorId,
                "experiment-connector",
                "clearml",
                "Team ClearML",
                Map.of(
                    "apiUrl",
                    clearml.baseUrl().toString(),
                    "webUrl",
                    "https://app.clearml.example.test",
                    "accessKey",
                    ACCESS_KEY,
                    "secretKey",
                    SECRET_KEY,
                    "requestTimeoutSeconds",
                    "5")))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(201);
    owner = AuthIT.newSession("user");
  }

  @AfterAll
  static void stopClearMl() {
    if (clearml != null) {
      clearml.close();
    }
  }

  private static boolean signedIn(FakeHttpServer.Request request) {
    return ("Bearer " + TOKEN).equals(request.header("Authorization").orElse(""));
  }

  private static Response ok(String endpoint, String data) {
    return Response.json(
        200,
        "{\"meta\":{\"endpoint\":{\"name\":\""
            + endpoint
            + "\"},\"result_code\":200,\"result_subcode\":0,\"result_msg\":\"OK\"},\"data\":"
            + data
            + "}");
  }

  private static Response error(int code, String message) {
    return Response.json(
        code,
        "{\"meta\":{\"result_code\":"
            + code
            + ",\"result_subcode\":0,\"result_msg\":\""
            + message
            + "\"},\"data\":{}}");
  }

  @Test
  void shouldSnapshotTheLinkedDatasetIntoTheExportAsTheApiShowsIt() throws Exception {
    Map<String, Object> card = CardsIT.card(AuthIT.unique("Cats classifier"));
    card.put("dataset", Map.of("connectorId", connectorId, "externalId", DATASET));
    String cardId = CardsIT.create(owner, card).then().statusCode(201).extract().path("id");
    int readsBefore = clearml.requests("/tasks.get_by_id").size();

    String exportId =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(AuthIT.json(Map.of("cardIds", List.of(cardId))))
            .post(ExportImportIT.EXPORTS)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Map<String, Object> job = ExportImportIT.awaitEnd(exportId);

    assertThat(job.get("state")).isEqualTo("succeeded");
    assertThat(job.get("summary")).isEqualTo("completed");
    // Read from the tracker at export time.
    assertThat(clearml.requests("/tasks.get_by_id")).hasSizeGreaterThan(readsBefore);
    byte[] bundle =
        AuthIT.asAdmin()
            .get(ExportImportIT.EXPORTS + "/" + exportId + "/bundle")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Map<String, byte[]> entries = ExportImportIT.entries(bundle);
    String path = "cards/" + cardId + "/dataset.json";
    assertThat(entries).containsKey(path).doesNotContainKey("cards/" + cardId + "/experiment.json");
    String snapshot = new String(entries.get(path), StandardCharsets.UTF_8);
    JsonPath dataset = JsonPath.from(snapshot);
    assertThat(dataset.getString("name")).isEqualTo("cats");
    assertThat(dataset.getString("version")).isEqualTo("1.0.2");
    assertThat(dataset.getString("project.name")).isEqualTo("Vision");
    assertThat(dataset.getList("tags")).containsExactly("images", "v2");
    assertThat(snapshot).doesNotContain(SECRET_KEY).doesNotContain(TOKEN);
    // The same shape as the API's.
    String api =
        AuthIT.as(owner.accessToken())
            .get("/api/v1/datasets/" + connectorId + "/" + DATASET)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(JsonPath.from(api).getString("name")).isEqualTo("cats");
    assertThat(JsonPath.from(api).getMap("project")).isEqualTo(dataset.getMap("project"));
    String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
    assertThat(manifest)
        .contains("\"path\": \"" + path + "\"")
        .contains(MediaIT.sha256(entries.get(path)));
  }

  /** A ClearML dataset task as {@code tasks.get_by_id} gives it (fields the plugin reads). */
  private static final String DATASET_TASK =
      """
      {
        "id": "d5e6f7a8b9c04d1e2f3a4b5c6d7e8f90",
        "name": "cats",
        "user": "b5c8e1d2a3f44b6c9d0e1f2a3b4c5d6e",
        "type": "data_processing",
        "status": "completed",
        "created": "2024-04-28T09:15:00.000000+00:00",
        "project": "f0e1d2c3b4a5469788796a5b4c3d2e1f",
        "tags": ["images", "v2"],
        "system_tags": ["dataset"],
        "execution": {
          "artifacts": [
            {
              "key": "data",
              "type": "custom",
              "mode": "output",
              "uri": "https://files.clear.ml/Vision/.datasets/cats/cats.d5e6f7a8/artifacts/data/dataset.d5e6f7a8.zip",
              "content_size": 45780,
              "type_data": {"content_type": "application/zip"}
            }
          ]
        },
        "hyperparams": {
          "properties": {
            "version": {"section": "properties", "name": "version", "value": "1.0.2"}
          }
        },
        "runtime": {
          "version": "1.0.2",
          "ds_file_count": 3,
          "ds_total_size": 49213
        }
      }
      """;
}
