package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test server's default backend is the KNative backend {@value #KNATIVE} and its fallback the
 * emissary backend {@value #EMISSARY} (see the bootstrap properties in the pom). Both deploy into
 * one mock cluster, which serves no KNative Services until the test installs their CRD.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppsBackendFallbackIT {

  static final String KNATIVE = "it-default-knative";
  static final String EMISSARY = "it-fallback-emissary";
  private static final ResourceDefinitionContext KNATIVE_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("serving.knative.dev")
          .withVersion("v1")
          .withKind("Service")
          .withPlural("services")
          .withNamespaced(true)
          .build();

  private static KubernetesMockCluster cluster;
  private static String token;

  @BeforeAll
  static void startClusterAndConfigureBackends() {
    cluster = KubernetesMockCluster.start();
    Map<String, String> emissary = clusterConfig();
    emissary.put("publicBaseUrl", "https://apps.example.com");
    connector(EMISSARY, "emissary", "Fallback", emissary, "POST");
    connector(KNATIVE, "knative", "Default", knativeConfig(), "POST");
    token = AuthIT.newSession("user").accessToken();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, String> clusterConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("namespace", cluster.namespace());
    config.put("masterUrl", cluster.apiServer().toString());
    config.put("token", "cluster-token");
    return config;
  }

  private static Map<String, String> knativeConfig() {
    Map<String, String> config = clusterConfig();
    config.put("domain", "apps.example.com");
    return config;
  }

  private static io.restassured.response.ValidatableResponse connector(
      String id, String factoryId, String displayName, Map<String, String> config, String method) {
    var request =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(
                AuthIT.json(
                    Map.of(
                        "id", id,
                        "kind", "deployment-backend",
                        "factoryId", factoryId,
                        "displayName", displayName,
                        "config", config)));
    return "PUT".equals(method)
        ? request.put("/api/v1/admin/connectors/" + id).then().statusCode(200)
        : request.post("/api/v1/admin/connectors").then().statusCode(201);
  }

  /** Creates an app without naming a backend and returns the backend it landed on. */
  private static String createWithoutBackend() {
    return AuthIT.as(token)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("image", "ghcr.io/acme/sentiment:1.2", "port", 7860)))
        .post("/api/v1/apps")
        .then()
        .statusCode(201)
        .extract()
        .path("backendId");
  }

  /**
   * The backend new apps go to, once it is {@code expected} or {@code within} is over: a request to
   * the cluster that failed on the way counts as "available" for a few seconds, then it is asked
   * again.
   */
  private static String awaitEffectiveBackend(String expected, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String effective;
    do {
      effective =
          AuthIT.as(token)
              .get("/api/v1/apps/backends")
              .then()
              .statusCode(200)
              .extract()
              .path("effectiveBackend");
      if (expected.equals(effective)) {
        return effective;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return effective;
  }

  @Test
  @Order(1)
  void shouldDeployOnEmissaryAndSayWhyWhenKnativeServingIsMissing() throws InterruptedException {
    assertThat(awaitEffectiveBackend(EMISSARY, Duration.ofSeconds(30))).isEqualTo(EMISSARY);
    assertThat(createWithoutBackend()).isEqualTo(EMISSARY);

    ApiIT.given()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'apps-backend' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'apps-backend' }.data.default", equalTo(KNATIVE))
        .body("checks.find { it.name == 'apps-backend' }.data.effective", equalTo(EMISSARY))
        .body(
            "checks.find { it.name == 'apps-backend' }.data.reason",
            containsString("KNative Serving is not installed"));
    AuthIT.as(token)
        .get("/api/v1/apps/backends")
        .then()
        .statusCode(200)
        .body("defaultBackend", equalTo(KNATIVE))
        .body("effectiveBackend", equalTo(EMISSARY))
        .body("fallbackReason", containsString("KNative Serving is not installed"));
    assertThat(cluster.client().genericKubernetesResources(KNATIVE_SERVICE).list().getItems())
        .isEmpty();
  }

  @Test
  @Order(2)
  void shouldUseKnativeOnceKnativeServingIsInstalled() {
    cluster.installKnativeServing();
    // A changed connector is a new backend instance, asked again at once (not after a minute).
    connector(KNATIVE, "knative", "Default, Serving installed", knativeConfig(), "PUT");

    assertThat(createWithoutBackend()).isEqualTo(KNATIVE);
    assertThat(cluster.client().genericKubernetesResources(KNATIVE_SERVICE).list().getItems())
        .extracting(GenericKubernetesResource::getKind)
        .containsExactly("Service");
    AuthIT.as(token)
        .get("/api/v1/apps/backends")
        .then()
        .statusCode(200)
        .body("effectiveBackend", equalTo(KNATIVE))
        .body("fallbackReason", org.hamcrest.Matchers.nullValue());
  }
}
