package org.aiappstore.app.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

class OperationsIT {

  @Test
  void shouldBeLive() {
    ApiIT.given().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldBeReadyWithDatabaseStorageAndRequiredPlugins() {
    ApiIT.given()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("database", "storage", "required-plugins", "search-index"));
  }

  @Test
  void shouldExposePrometheusMetrics() {
    ApiIT.given()
        .get("/metrics")
        .then()
        .statusCode(200)
        .contentType(containsString("text/plain"))
        .body(containsString("# TYPE"));
  }

  @Test
  void shouldDocumentTheApiInOpenApi() {
    ApiIT.given()
        .accept("application/json")
        .get("/openapi")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("AI App Store API"))
        .body("paths.keySet()", hasItems("/api/v1/plugins", "/api/v1/about"));
  }

  @Test
  void shouldServeTheOpenApiUi() {
    ApiIT.given().get("/openapi/ui/").then().statusCode(200).contentType(containsString("html"));
  }

  @Test
  void shouldDescribeTheServerWithIsoUtcTimestamps() {
    ApiIT.given()
        .get("/api/v1/about")
        .then()
        .statusCode(200)
        .body("name", equalTo("AI App Store"))
        .body("pluginApiVersion", equalTo("1.0.0"))
        .body("startCount", greaterThanOrEqualTo(1))
        .body(
            "installedAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
  }
}
