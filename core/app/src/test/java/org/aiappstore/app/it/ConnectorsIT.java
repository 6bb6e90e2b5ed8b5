package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.aiappstore.plugin.tck.data.testing.S3ProxyProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An admin configures an S3 connector against a real S3 server (S3Proxy), tests it, activates it
 * and switches back. The secret must never come back in a response or reach the server log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorsIT {

  private static final String ID = "s3-it";
  private static final Path SERVER_LOG =
      Path.of(
          System.getProperty(
              "server.log", "target/liberty/wlp/usr/servers/defaultServer/logs/messages.log"));

  private static Path s3Directory;
  private static S3ProxyProcess s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3Directory = Files.createTempDirectory("s3proxy-it");
    s3 = S3ProxyProcess.start(s3Directory);
  }

  @AfterAll
  static void restoreFilesystemAndStopS3() throws Exception {
    try {
      // Leave the server as the other tests expect it: media on the local filesystem.
      AuthIT.asAdmin().post("/api/v1/admin/connectors/filesystem/activate");
      AuthIT.asAdmin().delete("/api/v1/admin/connectors/" + ID);
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  /** JSON through JSON-P: REST-assured has no object mapper on this class path. */
  private static String json(Map<String, ?> value) {
    return Json.createObjectBuilder(value).build().toString();
  }

  /** The body that creates or replaces a connector instance. */
  static String instance(
      String id, String kind, String factoryId, String displayName, Map<String, String> config) {
    return json(
        Map.of(
            "id", id,
            "kind", kind,
            "factoryId", factoryId,
            "displayName", displayName,
            "config", config));
  }

  private static String s3Instance(String secret) {
    return instance(
        ID,
        "data-connector",
        "s3",
        "S3 for the integration test",
        Map.of(
            "endpoint",
            s3.endpoint().toString(),
            "bucket",
            "media",
            "accessKey",
            S3ProxyProcess.ACCESS_KEY,
            "secretKey",
            secret,
            "createBucket",
            "true"));
  }

  @Test
  @Order(1)
  void shouldStartWithTheFilesystemConnectorActive() {
    AuthIT.asAdmin()
        .get("/api/v1/admin/connectors")
        .then()
        .statusCode(200)
        .body("find { it.id == 'filesystem' }.active", equalTo(true))
        .body("find { it.id == 'filesystem' }.source", equalTo("CONFIGURATION"));
  }

  @Test
  @Order(1)
  void shouldOfferTheInstancesPredefinedByConfigurationReadOnly() {
    AuthIT.asAdmin()
        .get("/api/v1/admin/connectors/predefined-fs")
        .then()
        .statusCode(200)
        .body("source", equalTo("CONFIGURATION"))
        .body("factoryId", equalTo("filesystem"));
    AuthIT.asAdmin()
        .post("/api/v1/admin/connectors/predefined-fs/test")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true));
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            json(
                Map.of(
                    "id", "predefined-fs",
                    "kind", "data-connector",
                    "factoryId", "filesystem",
                    "displayName", "Changed",
                    "config", Map.of("baseDirectory", "/tmp/elsewhere"))))
        .put("/api/v1/admin/connectors/predefined-fs")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  @Order(2)
  void shouldRejectAnInvalidConfigNamingEachField() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            json(
                Map.of(
                    "id", "broken-s3",
                    "kind", "data-connector",
                    "factoryId", "s3",
                    "displayName", "Broken",
                    "config", Map.of("colour", "blue", "accessKey", "x", "secretKey", "y"))))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/config/colour"))
        .body("errors.pointer", hasItem("/config/bucket"));
  }

  @Test
  @Order(2)
  void shouldRejectASettingTheFactoryRejectsNamingTheField() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            instance(
                "relative-disk",
                "data-connector",
                "filesystem",
                "Relative",
                Map.of("baseDirectory", "relative")))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/config/baseDirectory"));
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(json(Map.of("config", Map.of("baseDirectory", "relative"))))
        .post("/api/v1/connector-factories/data-connector/filesystem/validate")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/config/baseDirectory"));
  }

  @Test
  @Order(3)
  void shouldCreateAnS3ConnectorAndNeverReturnItsSecret() {
    Response created =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(s3Instance(S3ProxyProcess.SECRET_KEY))
            .post("/api/v1/admin/connectors");

    created.then().statusCode(201).body("config.secretKey", equalTo("********"));
    assertThat(created.asString()).doesNotContain(S3ProxyProcess.SECRET_KEY);
    String listed = AuthIT.asAdmin().get("/api/v1/admin/connectors").asString();
    assertThat(listed).contains(ID).doesNotContain(S3ProxyProcess.SECRET_KEY);
  }

  @Test
  @Order(4)
  void shouldPassTheConnectionTest() {
    AuthIT.asAdmin()
        .post("/api/v1/admin/connectors/" + ID + "/test")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true));
  }

  @Test
  @Order(4)
  void shouldCountTheCallsOfEachConnectorTaggedWithItsPlugin() {
    String metrics =
        ApiIT.given().get("/metrics?scope=application").then().statusCode(200).extract().asString();

    assertThat(metrics.lines())
        .anyMatch(
            line ->
                line.startsWith("connector_calls_total{")
                    && line.contains("connector=\"" + ID + "\"")
                    && line.contains("plugin=\"data-s3\""));
    assertThat(metrics).contains("connector_latency_seconds");
  }

  @Test
  @Order(5)
  void shouldReportAWrongSecretAsAClearNonRetryableFailure() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(s3Instance("not-the-secret"))
        .put("/api/v1/admin/connectors/" + ID)
        .then()
        .statusCode(200);

    AuthIT.asAdmin()
        .post("/api/v1/admin/connectors/" + ID + "/test")
        .then()
        .statusCode(200)
        .body("ok", equalTo(false))
        .body("retryable", equalTo(false))
        .body("detail", not(equalTo("")));
  }

  @Test
  @Order(6)
  void shouldKeepTheStoredSecretWhenTheMaskIsSentBack() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(s3Instance(S3ProxyProcess.SECRET_KEY))
        .put("/api/v1/admin/connectors/" + ID)
        .then()
        .statusCode(200);
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(s3Instance("********"))
        .put("/api/v1/admin/connectors/" + ID)
        .then()
        .statusCode(200);

    AuthIT.asAdmin()
        .post("/api/v1/admin/connectors/" + ID + "/test")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true));
  }

  @Test
  @Order(7)
  void shouldActivateTheS3ConnectorForStorage() {
    AuthIT.asAdmin()
        .post("/api/v1/admin/connectors/" + ID + "/activate")
        .then()
        .statusCode(200)
        .body("active", equalTo(true));

    ApiIT.given()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'storage' }.data.connector", equalTo(ID));
  }

  @Test
  @Order(8)
  void shouldReportStorageDownWhileS3IsStoppedAndRecoverWhenItIsBack() throws Exception {
    int port = s3.endpoint().getPort();
    s3.close();

    Response down = awaitReadiness(503, Duration.ofSeconds(20));
    assertThat(down.time()).as("readiness answers within 5 s").isLessThan(5000);
    assertThat(down.jsonPath().getString("checks.find { it.name == 'storage' }.status"))
        .isEqualTo("DOWN");

    s3 = S3ProxyProcess.start(s3Directory, port);
    // Up to the circuit breaker's pause plus a check: the connector is tried again by itself.
    awaitReadiness(200, Duration.ofSeconds(90));
  }

  private static Response awaitReadiness(int status, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      Response response = ApiIT.given().get("/health/ready");
      if (response.statusCode() == status) {
        return response;
      }
      assertThat(Instant.now()).as("readiness %s within %s", status, within).isBefore(deadline);
      Thread.sleep(500); // polling the server's health: there is no event to wait on
    }
  }

  @Test
  @Order(9)
  void shouldRefuseToDeleteTheActiveConnector() {
    AuthIT.asAdmin().delete("/api/v1/admin/connectors/" + ID).then().statusCode(409);
  }

  @Test
  @Order(10)
  void shouldNeverWriteTheSecretToTheServerLog() throws Exception {
    assertThat(SERVER_LOG).exists();
    assertThat(Files.readString(SERVER_LOG)).doesNotContain(S3ProxyProcess.SECRET_KEY);
  }
}
