package org.aiappstore.app.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

class SpaIT {

  @Test
  void shouldServeTheSpaAtTheRoot() {
    ApiIT.given().get("/").then().statusCode(200).body(containsString("<div id=\"app\""));
  }

  @Test
  void shouldServeTheSpaForADeepLink() {
    ApiIT.given()
        .get("/models/alice/resnet")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<div id=\"app\""));
  }

  @Test
  void shouldAnswer404ForAMissingAsset() {
    ApiIT.given().get("/assets/does-not-exist.js").then().statusCode(404);
  }

  @Test
  void shouldSendTheBrowserDefencesWithPagesApiAnswersAndErrors() {
    for (String path :
        new String[] {"/", "/models/alice/resnet", "/api/v1/about", "/api/v1/nope"}) {
      hasBrowserDefences(ApiIT.given().get(path).then());
    }
  }

  static void hasBrowserDefences(ValidatableResponse response) {
    response
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("X-Frame-Options", equalTo("SAMEORIGIN"))
        .header("Referrer-Policy", equalTo("same-origin"))
        .header("Content-Security-Policy", containsString("script-src 'self';"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'self'"))
        // The test server gives demo apps origins of their own; the web app frames them.
        .header(
            "Content-Security-Policy", containsString("frame-src 'self' http://*.apps.localhost:"));
  }
}
