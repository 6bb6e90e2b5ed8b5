package org.aiappstore.plugin.tck.experiment.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FakeHttpServerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final FakeHttpServer server = FakeHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Nested
  class WhenAnswering {

    @Test
    void shouldAnswerARouteWithARecordedResource() throws Exception {
      server.route(
          "POST",
          "/tasks.get_by_id",
          request ->
              FakeHttpServer.Response.json(200, FakeHttpServer.resource("fake/answer.json")));

      HttpResponse<String> response = post("/tasks.get_by_id", "{\"task\":\"t1\"}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"answer\": 42");
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void shouldRecordRequestsWithDecodedQueryAndHeaders() throws Exception {
      server.route("GET", "/runs/get", request -> FakeHttpServer.Response.json(200, "{}"));

      client.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/runs/get?run_id=a%20b&x=1&x=2"))
              .header("Authorization", "Bearer t")
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(server.requests("/runs/get"))
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.queryParameter("run_id")).contains("a b");
                assertThat(request.query().get("x")).containsExactly("1", "2");
                assertThat(request.header("authorization")).contains("Bearer t");
              });
    }

    @Test
    void shouldAnswer404ForAnUnknownRoute() throws Exception {
      assertThat(post("/nothing.here", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer500WhenAHandlerFails() throws Exception {
      server.route(
          "POST",
          "/broken",
          request -> {
            throw new IllegalStateException("bug");
          });

      assertThat(post("/broken", "{}").statusCode()).isEqualTo(500);
    }

    @Test
    void shouldRejectAMissingResource() {
      assertThatThrownBy(() -> FakeHttpServer.resource("fake/missing.json"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fake/missing.json");
    }
  }

  @Nested
  class WhenStalled {

    @Test
    void shouldNotAnswerUntilResumed() throws Exception {
      server.route("POST", "/slow", request -> FakeHttpServer.Response.json(200, "{}"));
      server.stall();

      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(URI.create(server.baseUrl() + "/slow"))
                          .timeout(Duration.ofMillis(300))
                          .POST(HttpRequest.BodyPublishers.ofString("{}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);

      server.resume();
      assertThat(post("/slow", "{}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldOfferAUrlWhereNothingListens() {
    URI unused = FakeHttpServer.unusedUrl();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(unused).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
