package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apps through the emissary plugin, installed in the test server like any plugin, deploying into a
 * CRUD Kubernetes mock server that runs in this JVM. No controller runs in the mock: the test adds
 * pods and log lines as a cluster would.
 */
class AppsIT {

  private static final String SECRET = "hf_value-that-must-only-reach-the-kubernetes-secret";
  private static final String IMAGE = "ghcr.io/acme/sentiment:1.2";

  private static KubernetesMockCluster cluster;
  private static String backendId;
  private static AuthIT.Session owner;
  private static String other;

  @BeforeAll
  static void startClusterAndConfigureBackend() {
    cluster = KubernetesMockCluster.start();
    backendId = AuthIT.unique("emissary");
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            ConnectorsIT.instance(
                backendId,
                "deployment-backend",
                "emissary",
                "Test cluster",
                Map.of(
                    "namespace",
                    cluster.namespace(),
                    "masterUrl",
                    cluster.apiServer().toString(),
                    "token",
                    "cluster-token",
                    "publicBaseUrl",
                    "https://apps.example.com")))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(201);
    owner = AuthIT.newSession("user");
    other = AuthIT.newSession("user").accessToken();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String create() {
    return AuthIT.as(owner.accessToken())
        .contentType("application/json")
        .body(
            AuthIT.json(
                Map.of(
                    "backendId",
                    backendId,
                    "image",
                    IMAGE,
                    "port",
                    7860,
                    "env",
                    Map.of("MODEL_ID", "acme/sentiment"),
                    "secretEnv",
                    Map.of("HF_TOKEN", SECRET))))
        .post("/api/v1/apps")
        .then()
        .statusCode(201)
        .body("state", equalTo("active"))
        .body("secretEnv.HF_TOKEN", equalTo("********"))
        .body("env.MODEL_ID", equalTo("acme/sentiment"))
        .extract()
        .path("id");
  }

  private static Deployment deployment(String id) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName("app-" + id)
        .get();
  }

  @Test
  void shouldPutTheSecretValueIntoAKubernetesSecretOnly() {
    String id = create();

    Secret secret =
        cluster
            .client()
            .secrets()
            .inNamespace(cluster.namespace())
            .withName("app-" + id + "-env")
            .get();
    String stored =
        secret.getStringData() != null && secret.getStringData().containsKey("HF_TOKEN")
            ? secret.getStringData().get("HF_TOKEN")
            : new String(
                Base64.getDecoder().decode(secret.getData().get("HF_TOKEN")),
                StandardCharsets.UTF_8);
    assertThat(stored).isEqualTo(SECRET);
    assertThat(cluster.client().getKubernetesSerialization().asJson(deployment(id)))
        .doesNotContain(SECRET);
    String answer =
        AuthIT.as(owner.accessToken())
            .get("/api/v1/apps/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(answer).doesNotContain(SECRET);
  }

  @Test
  void shouldShowAPreviewAppToItsOwnerAndAdminsOnly() {
    String id = create();

    AuthIT.as(other).get("/api/v1/apps/" + id).then().statusCode(404);
    AuthIT.as(other).get("/api/v1/apps/" + id + "/logs").then().statusCode(404);
    AuthIT.as(other).delete("/api/v1/apps/" + id).then().statusCode(404);
    AuthIT.asAdmin()
        .get("/api/v1/apps/" + id)
        .then()
        .statusCode(200)
        .body("env.MODEL_ID", equalTo("acme/sentiment"));
    AuthIT.as(owner.accessToken())
        .get("/api/v1/apps")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
    AuthIT.as(other).get("/api/v1/apps").then().statusCode(200).body("items.id", not(hasItem(id)));
  }

  @Test
  void shouldListTheBackendForTheAppForm() {
    AuthIT.as(other)
        .get("/api/v1/apps/backends")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + backendId + "' }.displayName", equalTo("Test cluster"))
        .body("items.find { it.id == '" + backendId + "' }.capabilities", hasItem("PREVIEW"))
        .body("limits.maxReplicas", not(nullValue()));
  }

  @Test
  void shouldPreviewTheManifestsWithTheSecretMaskedAndApplyNothing() {
    int deploymentsBefore =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(cluster.namespace())
            .list()
            .getItems()
            .size();

    String yaml =
        AuthIT.as(owner.accessToken())
            .contentType("application/json")
            .body(
                AuthIT.json(
                    Map.of(
                        "backendId",
                        backendId,
                        "image",
                        IMAGE,
                        "port",
                        7860,
                        "secretEnv",
                        Map.of("HF_TOKEN", SECRET))))
            .post("/api/v1/apps/preview")
            .then()
            .statusCode(200)
            .body("documents.kind", hasItem("Deployment"))
            .body("documents.kind", hasItem("Secret"))
            .extract()
            .path("yaml");

    assertThat(yaml).contains(IMAGE).contains("HF_TOKEN").doesNotContain(SECRET);
    assertThat(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace(cluster.namespace())
                .list()
                .getItems())
        .hasSize(deploymentsBefore);
    AuthIT.as(owner.accessToken())
        .contentType("application/json")
        .body(AuthIT.json(Map.of("backendId", backendId, "image", IMAGE, "port", 0)))
        .post("/api/v1/apps/preview")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/port"));
  }

  @Test
  void shouldRefuseInvalidFieldsWithPointers() {
    AuthIT.as(owner.accessToken())
        .contentType("application/json")
        .body(AuthIT.json(Map.of("backendId", backendId, "image", "bad image", "port", 0)))
        .post("/api/v1/apps")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/image"))
        .body("errors.pointer", hasItem("/port"));
  }

  @Test
  void shouldStopAnAppAtZeroAndKeepItStoppedUntilStarted() {
    String id = create();
    String token = owner.accessToken();

    // Emissary does not scale to zero on its own; its owner may still stop it.
    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"replicas\": 0}")
        .post("/api/v1/apps/" + id + "/scale")
        .then()
        .statusCode(200)
        .body("wantedReplicas", equalTo(0))
        .body("phase", equalTo("SCALED_TO_ZERO"));
    assertThat(deployment(id).getSpec().getReplicas()).isZero();

    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"image\": \"ghcr.io/acme/sentiment:1.4\"}")
        .patch("/api/v1/apps/" + id)
        .then()
        .statusCode(200);
    assertThat(deployment(id).getSpec().getReplicas()).as("still stopped").isZero();

    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"replicas\": 1}")
        .post("/api/v1/apps/" + id + "/scale")
        .then()
        .statusCode(200)
        .body("wantedReplicas", equalTo(1));
    assertThat(deployment(id).getSpec().getReplicas()).isEqualTo(1);
    AuthIT.as(token).delete("/api/v1/apps/" + id).then().statusCode(204);
  }

  @Test
  void shouldReportStatusScaleUpdateRestoreAndDelete() {
    String id = create();
    String token = owner.accessToken();

    AuthIT.as(token)
        .get("/api/v1/apps/" + id + "/status")
        .then()
        .statusCode(200)
        .body("phase", not(nullValue()))
        .body("wantedReplicas", equalTo(1));

    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"replicas\": 2}")
        .patch("/api/v1/apps/" + id)
        .then()
        .statusCode(422); // replicas is not a field of the app: scale it
    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"maxReplicas\": 2}")
        .patch("/api/v1/apps/" + id)
        .then()
        .statusCode(200);
    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"replicas\": 2}")
        .post("/api/v1/apps/" + id + "/scale")
        .then()
        .statusCode(200)
        .body("wantedReplicas", equalTo(2));
    assertThat(deployment(id).getSpec().getReplicas()).isEqualTo(2);

    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"image\": \"ghcr.io/acme/sentiment:1.3\"}")
        .patch("/api/v1/apps/" + id)
        .then()
        .statusCode(200)
        .body("image", equalTo("ghcr.io/acme/sentiment:1.3"))
        .body("secretEnv.HF_TOKEN", equalTo("********"));
    assertThat(deployment(id).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/acme/sentiment:1.3");

    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName("app-" + id)
        .delete();
    AuthIT.as(token).post("/api/v1/apps/" + id + "/restore").then().statusCode(200);
    assertThat(deployment(id)).isNotNull();

    AuthIT.as(other).post("/api/v1/apps/" + id + "/restore").then().statusCode(404);
    AuthIT.as(token).delete("/api/v1/apps/" + id).then().statusCode(204);
    AuthIT.as(token).get("/api/v1/apps/" + id).then().statusCode(404);
    assertThat(deployment(id)).isNull();
  }

  @Test
  void shouldStreamLogLinesAsServerSentEventsThenEnd() throws Exception {
    String id = create();
    String pod = "app-" + id + "-7f9c-x2kqz";
    EmissaryPods.addReady(cluster, pod, id);
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    cluster.appendLog(pod, "app", t, "Running on local URL:  http://0.0.0.0:7860");
    cluster.appendLog(pod, "app", t.plusSeconds(1), "model loaded");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ApiIT.baseUrl() + "/api/v1/apps/" + id + "/logs?tail=10"))
                    .header("Authorization", "Bearer " + owner.accessToken())
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.body())
        .contains("event: line")
        .contains("model loaded")
        .contains("event: end");
    assertThat(response.body().indexOf("Running on local URL"))
        .isLessThan(response.body().indexOf("model loaded"));
  }

  @Test
  void shouldAnswerTheProblemWhenALogStreamCannotOpen() throws Exception {
    String id = create();
    EmissaryPods.addReady(cluster, "app-" + id + "-6c4d-r8tnm", id);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                eventStream(owner.accessToken(), "/api/v1/apps/" + id + "/logs?pod=nope"),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("nope");
  }

  @Test
  void shouldRefuseAUsersStreamBeyondTheLimitBeforeItStarts() throws Exception {
    String token = AuthIT.newSession("user").accessToken();
    String id = createAs(token).then().statusCode(201).extract().path("id");
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest stream =
        HttpRequest.newBuilder(
                URI.create(ApiIT.baseUrl() + "/api/v1/apps/" + id + "/status/stream"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30))
            .build();
    List<HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) { // aiappstore.apps.streams-per-user, 16 by default
        HttpResponse<java.io.InputStream> opened =
            client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        open.add(opened);
        assertThat(opened.statusCode()).isEqualTo(200);
      }

      HttpResponse<String> refused = client.send(stream, HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("\"code\":\"TOO_MANY_STREAMS\"");
    } finally {
      for (HttpResponse<java.io.InputStream> opened : open) {
        opened.body().close();
      }
    }
  }

  @Test
  void shouldEndAUsersStatusAndLogStreamsOnceTheUserIsDisabled() throws Exception {
    AuthIT.TestUser user = AuthIT.createUser("streamer", "user");
    String token = AuthIT.loginAs(user).accessToken();
    String id = createAs(token).then().statusCode(201).extract().path("id");
    EmissaryPods.addReady(cluster, "app-" + id + "-5d8b-q7wzp", id);
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> status =
        client.send(
            eventStream(token, "/api/v1/apps/" + id + "/status/stream"),
            HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<java.io.InputStream> logs =
        client.send(
            eventStream(token, "/api/v1/apps/" + id + "/logs?follow=true&tail=0"),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(logs.statusCode()).isEqualTo(200);
    java.util.concurrent.CompletableFuture<String> statusEvents = readToEnd(status);
    java.util.concurrent.CompletableFuture<String> logEvents = readToEnd(logs);

    AuthIT.asAdmin()
        .contentType("application/json")
        .body(AuthIT.json(Map.of("disabled", true)))
        .patch("/api/v1/admin/users/" + user.id())
        .then()
        .statusCode(200);

    // Status streams check before every poll (2 s), log streams at every heartbeat (15 s).
    assertThat(statusEvents.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .contains("event: status")
        .contains("event: error")
        .contains("\"code\":\"SESSION_ENDED\"");
    assertThat(logEvents.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .contains("event: error")
        .contains("\"code\":\"SESSION_ENDED\"")
        .contains("\"retryable\":false");
  }

  private static HttpRequest eventStream(String token, String path) {
    return HttpRequest.newBuilder(URI.create(ApiIT.baseUrl() + path))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  /** The whole body of a stream, once the server closed it. */
  private static java.util.concurrent.CompletableFuture<String> readToEnd(
      HttpResponse<java.io.InputStream> response) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try (java.io.InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static io.restassured.response.Response createAs(String token) {
    return AuthIT.as(token)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("backendId", backendId, "image", IMAGE, "port", 7860)))
        .post("/api/v1/apps");
  }

  @Test
  void shouldGiveTheAppThePlatformsEnvironmentAndTellWhenThePreviewExpires() {
    String token = AuthIT.newSession("user").accessToken();
    io.restassured.response.Response created = createAs(token);
    created.then().statusCode(201).body("expiresAt", not(nullValue()));
    String id = created.path("id");

    Map<String, String> env = new java.util.HashMap<>();
    deployment(id)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .forEach(v -> env.put(v.getName(), v.getValue()));
    assertThat(env)
        .containsEntry("PORT", "7860")
        .containsEntry("GRADIO_SERVER_PORT", "7860")
        .containsEntry("GRADIO_SERVER_NAME", "0.0.0.0")
        .containsEntry("GRADIO_ROOT_PATH", "/apps/" + id);
    assertThat(Instant.parse(created.path("expiresAt")))
        .isEqualTo(Instant.parse(created.<String>path("createdAt")).plus(Duration.ofHours(2)));
    AuthIT.as(token)
        .contentType("application/json")
        .body("{\"env\": {\"GRADIO_ROOT_PATH\": \"/elsewhere\"}}")
        .patch("/api/v1/apps/" + id)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/env/GRADIO_ROOT_PATH"));
  }

  @Test
  void shouldRefuseTheAppBeyondTheUsersQuotaAndShowTheUsage() {
    String token = AuthIT.newSession("user").accessToken();
    for (int i = 0; i < 5; i++) {
      createAs(token).then().statusCode(201);
    }

    createAs(token)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.startsWith("You have 5 of 5 apps"));
    AuthIT.as(token)
        .get("/api/v1/apps/backends")
        .then()
        .statusCode(200)
        .body("quota.maxApps", equalTo(5))
        .body("quota.usedApps", equalTo(5))
        .body("quota.maxGpus", equalTo(2))
        .body("quota.usedGpus", equalTo(0));
  }

  @Test
  void shouldMakeAPreviewTheDemoOfTheCardThatPublishesIt() {
    AuthIT.Session publisher = AuthIT.newSession("user");
    String appId = createAs(publisher.accessToken()).then().statusCode(201).extract().path("id");
    Map<String, Object> card = CardsIT.card("Sentiment demo");
    card.put("demo", Map.of("type", "app", "appId", appId));

    AuthIT.as(other)
        .contentType("application/json")
        .body(AuthIT.json(card))
        .post(CardsIT.MODELS)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/demo/appId"));
    String cardId = CardsIT.create(publisher, card).then().statusCode(201).extract().path("id");

    AuthIT.as(publisher.accessToken())
        .get("/api/v1/apps/" + appId)
        .then()
        .statusCode(200)
        .body("cardId", equalTo(cardId))
        .body("expiresAt", nullValue());
    assertThat(deployment(appId)).isNotNull();
    Map<String, Object> second = CardsIT.card("Second card, same app");
    second.put("demo", Map.of("type", "app", "appId", appId));
    CardsIT.create(publisher, second)
        .then()
        .statusCode(422)
        .body(
            "errors.find { it.pointer == '/demo/appId' }.detail",
            equalTo("is already the demo of another card"));
  }

  @Test
  void shouldHandTheDemoOverWithItsCardSoTheFormerOwnerCanBeDeleted() {
    AuthIT.TestUser leaver = AuthIT.createUser("leaver", "user");
    AuthIT.Session leaverSession = AuthIT.loginAs(leaver);
    AuthIT.TestUser heir = AuthIT.createUser("heir", "user");
    String appId =
        createAs(leaverSession.accessToken()).then().statusCode(201).extract().path("id");
    Map<String, Object> card = CardsIT.card("Handed-over demo");
    card.put("demo", Map.of("type", "app", "appId", appId));
    io.restassured.response.Response created = CardsIT.create(leaverSession, card);
    created.then().statusCode(201);

    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            AuthIT.json(
                Map.of(
                    "owner",
                    heir.id(),
                    "cards",
                    List.of(
                        Map.of(
                            "id",
                            created.<String>path("id"),
                            "version",
                            created.<Integer>path("version"))))))
        .post("/api/v1/admin/cards/owner")
        .then()
        .statusCode(200)
        .body("results[0].status", equalTo(200));

    String heirToken = AuthIT.loginAs(heir).accessToken();
    AuthIT.as(heirToken)
        .get("/api/v1/apps/" + appId)
        .then()
        .statusCode(200)
        .body("ownerId", equalTo(heir.id()))
        .body("env", not(nullValue())); // the manager's view
    // The former owner reads the public card's demo as anyone does: no longer its manager.
    AuthIT.as(leaverSession.accessToken())
        .get("/api/v1/apps/" + appId)
        .then()
        .statusCode(200)
        .body("env", nullValue());
    assertThat(deployment(appId)).isNotNull();
    AuthIT.asAdmin().delete("/api/v1/admin/users/" + leaver.id()).then().statusCode(204);
  }
}
