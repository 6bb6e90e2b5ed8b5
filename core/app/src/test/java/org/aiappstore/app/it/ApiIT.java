package org.aiappstore.app.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the server started by the build listens; every *IT talks to it over HTTP only. Liberty
 * reports itself started before the application is, so the first request waits for {@code
 * /health/ready}.
 */
final class ApiIT {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static volatile boolean ready;

  private ApiIT() {}

  static String baseUrl() {
    return System.getProperty("app.base.url", "http://localhost:9080");
  }

  static RequestSpecification given() {
    awaitReady();
    return RestAssured.given().baseUri(baseUrl());
  }

  static synchronized void awaitReady() {
    if (ready) {
      return;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          ready = true;
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (java.io.IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the server", e);
      }
      try {
        Thread.sleep(500); // polling an external process: there is no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the server", e);
      }
    }
    throw new IllegalStateException("Server at " + baseUrl() + " not ready in time: " + last);
  }
}
