package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProblemDetailsIT {

  private static final String VALIDATE =
      "/api/v1/connector-factories/data-connector/filesystem/validate";

  @Test
  void shouldAnswerUnknownRouteWith404Problem() {
    ApiIT.given()
        .get("/api/v1/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("code", equalTo("NOT_FOUND"))
        .body("instance", startsWith("urn:uuid:"))
        .body("detail", containsString("/api/v1/nope"));
  }

  @Test
  void shouldAnswerWrongMethodWith405ProblemAndAllowHeader() {
    AuthIT.asAdmin()
        .delete("/api/v1/plugins")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", containsString("GET"))
        .body("code", equalTo("METHOD_NOT_ALLOWED"));
  }

  @Test
  void shouldAnswerWrongMediaTypeWith415Problem() {
    AuthIT.asAdmin()
        .contentType("text/plain")
        .body("baseDirectory=/tmp")
        .post(VALIDATE)
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void shouldAnswerMalformedJsonWith400ProblemWithoutParserInternals() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"config\": {\"baseDirectory\": ")
        .post(VALIDATE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("MALFORMED_JSON"))
        .body("detail", not(containsString("Exception")))
        .body("detail", not(containsString("yasson")));
  }

  @Test
  void shouldNameTheMemberOfABoundBodyThatHasTheWrongType() {
    // JSON-B-bound bodies: valid JSON, but a string where the list of ids belongs.
    for (String body : new String[] {"{\"ids\": \"x\"}", "{\"ids\": [{\"a\": 1}]}"}) {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(body)
          .post("/api/v1/models/bulk-delete")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("MALFORMED_JSON"))
          .body("errors.pointer", hasItem("/ids"));
    }
  }

  @Test
  void shouldAnswerABodyThatIsNotAnObjectWith400NamingTheWholeDocument() {
    // Each of these once reached a resource method as the wrong type and failed with a 500.
    for (String path : new String[] {"/api/v1/models", "/api/v1/admin/exports"}) {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("[]")
          .post(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("BODY_NOT_OBJECT"))
          .body("detail", containsString("not an array"))
          .body("errors.pointer", hasItem(""));
    }
  }

  @Test
  void shouldAnswerABodyNestedTooDeeplyWith400() {
    // Past the JSON-P parser's own guard (1000 levels) this was a bare runtime error: a 500.
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
        .post("/api/v1/models")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("MALFORMED_JSON"))
        .body("detail", equalTo("The request body is nested deeper than 64 levels."));
  }

  @Test
  void shouldAnswerAnOverlongNumberWith400() {
    // Liberty's JSON-P refuses to read a number of more than 1100 characters: a 500 once.
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"title\":1" + "0".repeat(1200) + "}")
        .post("/api/v1/models")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("MALFORMED_JSON"))
        .body("detail", equalTo("The request body has a number longer than 100 characters."));
  }

  @Test
  void shouldAnswerABodyNestedTooDeeplyForABoundTypeWith400() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"config\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
        .post(VALIDATE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("MALFORMED_JSON"));
  }

  @Test
  void shouldAnswerAOneByteOrEmptyBodyAsAClientError() {
    // A one-byte document once defeated the parser's encoding detection (a 500).
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("5")
        .post("/api/v1/models")
        .then()
        .statusCode(400)
        .body("code", equalTo("BODY_NOT_OBJECT"))
        .body("detail", containsString("not a number"));
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("")
        .post("/api/v1/models")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("MALFORMED_JSON"));
  }

  @Test
  void shouldRefuseAJsonBodyOverTheLimitBeforeReadingIt() throws Exception {
    // The test server caps JSON bodies at 8 MiB (core/app/pom.xml); the sign-in needs no token.
    byte[] body = new byte[9 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(ApiIT.baseUrl() + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
  }

  @Test
  void shouldCutOffAChunkedJsonBodyOverTheLimit() throws Exception {
    // No Content-Length: the body is counted while the parser reads it.
    String padding = " ".repeat(9 * 1024 * 1024);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(ApiIT.baseUrl() + "/api/v1/models"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + AuthIT.adminToken())
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () ->
                                new java.io.ByteArrayInputStream(
                                    ("{\"title\":\"" + padding + "\"}")
                                        .getBytes(StandardCharsets.UTF_8))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
  }

  @Test
  void shouldRefuseAJsonBodyWithMoreValuesThanAllowedWithinItsByteLimit() {
    // 1,000,001 numbers in 2 MB: each would be an object of its own once parsed.
    String tags = "0," + "0,".repeat(1_000_000) + "0";
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"title\":\"Many values\",\"task\":\"other\",\"tags\":[" + tags + "]}")
        .post("/api/v1/models")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("code", equalTo("BODY_TOO_LARGE"))
        .body("detail", containsString("more than 1000000 values"));
  }

  @Test
  void shouldAnswerAnUndecodableQueryStringWith400() throws Exception {
    // Sent as is: HTTP clients that build a java.net.URI refuse to send such a query themselves.
    HttpURLConnection connection =
        (HttpURLConnection)
            new URL(ApiIT.baseUrl() + "/api/v1/search/models?q=100%&size=%zz").openConnection();
    connection.setRequestProperty("Authorization", "Bearer " + AuthIT.adminToken());
    assertThat(connection.getResponseCode()).isEqualTo(400);
    assertThat(connection.getContentType()).startsWith("application/problem+json");
    try (InputStream body = connection.getErrorStream()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"code\":\"MALFORMED_QUERY\"")
          .contains("%25");
    }
  }

  @Nested
  class WhenValidatingAConnectorConfig {

    @Test
    void shouldAcceptAValidConfig() {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("{\"config\": {\"baseDirectory\": \"/tmp/objects\"}}")
          .post(VALIDATE)
          .then()
          .statusCode(200)
          .body("valid", equalTo(true));
    }

    @Test
    void shouldAnswer422WithAPointerPerInvalidField() {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(
              "{\"config\": {\"baseDirectory\": \"/tmp/o\", \"createDirectories\": \"maybe\","
                  + " \"colour\": \"blue\"}}")
          .post(VALIDATE)
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("code", equalTo("INVALID_CONFIG"))
          .body("errors.pointer", hasItem("/config/colour"))
          .body("errors.pointer", hasItem("/config/createDirectories"))
          .body("errors.detail", hasItem(notNullValue()));
    }

    @Test
    void shouldAnswer422WhenTheConfigObjectIsMissing() {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("{}")
          .post(VALIDATE)
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("code", equalTo("VALIDATION_FAILED"))
          .body("errors.pointer", hasItem("/config"));
    }

    @Test
    void shouldAnswer404ForAnUnknownFactory() {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("{\"config\": {}}")
          .post("/api/v1/connector-factories/data-connector/nothing-here/validate")
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("detail", containsString("nothing-here"));
    }
  }
}
