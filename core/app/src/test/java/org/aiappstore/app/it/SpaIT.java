package org.aiappstore.app.it;

import static org.hamcrest.Matchers.containsString;

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
}
