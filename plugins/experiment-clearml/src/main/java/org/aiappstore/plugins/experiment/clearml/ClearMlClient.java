package org.aiappstore.plugins.experiment.clearml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Calls ClearML's REST API: JSON POSTs to {@code {api}/{service}.{action}}, answers wrapped as
 * {@code {"meta": {..., "result_code": 200}, "data": {...}}}. Signs in with {@code auth.login}
 * (HTTP Basic with the access and secret key) and sends the token as a bearer; a token the server
 * no longer accepts is replaced once per call. Safe for concurrent use.
 */
final class ClearMlClient {

  /** Most bytes read of one answer: plots can be large, but the whole answer is held in memory. */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

  private final ClearMlSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;
  private volatile String token;

  ClearMlClient(ClearMlSettings settings, HttpClient http, ObjectMapper json) {
    this.settings = settings;
    this.http = http;
    this.json = json;
  }

  /**
   * A new, empty request body.
   *
   * @return an object node to fill
   */
  ObjectNode body() {
    return json.createObjectNode();
  }

  /**
   * Calls an endpoint.
   *
   * @param endpoint {@code service.action}, e.g. {@code tasks.get_by_id}
   * @param body the request body
   * @param notFound the code for a missing task, or {@code null} if the call names no task
   * @return the answer's {@code data}, an empty object if it has none
   * @throws PlatformException translated by {@link ClearMlErrors}
   */
  JsonNode call(String endpoint, ObjectNode body, ErrorCode notFound) {
    String current = token();
    Answer answer = post(endpoint, body, "Bearer " + current);
    if (answer.status() == 401) {
      synchronized (this) {
        if (current.equals(token)) {
          token = null;
        }
      }
      answer = post(endpoint, body, "Bearer " + token());
    }
    return data(endpoint, answer, notFound);
  }

  /**
   * Signs in afresh, checking the credentials.
   *
   * @return a detail for the connection check
   */
  synchronized String signIn() {
    token = login();
    return "Signed in to ClearML at " + settings.apiUrl();
  }

  private synchronized String token() {
    if (token == null) {
      token = login();
    }
    return token;
  }

  private String login() {
    String credentials = settings.accessKey() + ":" + settings.secretKey();
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    Answer answer = post("auth.login", body(), basic);
    JsonNode token = data("auth.login", answer, null).path("token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw ClearMlErrors.unreadable(answer.status(), action("auth.login"), null);
    }
    return token.asText();
  }

  private Answer post(String endpoint, ObjectNode body, String authorization) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(settings.endpoint(endpoint))
              .timeout(settings.requestTimeout())
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("Authorization", authorization)
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build();
    } catch (JsonProcessingException e) {
      throw new PlatformException(PlatformErrors.INTERNAL, "Cannot write a ClearML request", e);
    }
    try {
      long sent = System.nanoTime();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] answer =
            readWithin(in, settings.requestTimeout().minusNanos(System.nanoTime() - sent));
        if (answer.length > MAX_ANSWER_BYTES) {
          throw ClearMlErrors.tooLarge(MAX_ANSWER_BYTES, action(endpoint));
        }
        return new Answer(response.statusCode(), new String(answer, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw ClearMlErrors.transport(e, action(endpoint));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException(
          PlatformErrors.UNAVAILABLE, "Interrupted while waiting for ClearML", e, true);
    }
  }

  /**
   * Up to one byte more than {@link #MAX_ANSWER_BYTES} of the answer, unless reading it takes
   * longer than {@code timeout} (what is left of the request's): the request's own timeout ends
   * once the headers arrive, so a server sending the body slowly would otherwise hold the caller's
   * thread for as long as it likes. Closing the stream at the deadline ends the read with an
   * exception.
   */
  private static byte[] readWithin(InputStream in, Duration timeout) throws IOException {
    AtomicBoolean late = new AtomicBoolean();
    CompletableFuture<Void> deadline =
        CompletableFuture.runAsync(
            () -> {
              late.set(true);
              closeQuietly(in);
            },
            CompletableFuture.delayedExecutor(
                Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
    try {
      return in.readNBytes(MAX_ANSWER_BYTES + 1);
    } catch (IOException e) {
      throw late.get() ? new HttpTimeoutException("the answer took too long") : e;
    } finally {
      deadline.cancel(false);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the read ends either way
    }
  }

  private JsonNode data(String endpoint, Answer answer, ErrorCode notFound) {
    JsonNode root;
    try {
      root = json.readTree(answer.body() == null ? "" : answer.body());
    } catch (JsonProcessingException e) {
      throw ClearMlErrors.unreadable(answer.status(), action(endpoint), e);
    }
    if (root == null || !root.isObject()) {
      throw ClearMlErrors.unreadable(answer.status(), action(endpoint), null);
    }
    JsonNode meta = root.path("meta");
    int resultCode = meta.path("result_code").asInt(answer.status());
    int subcode = meta.path("result_subcode").asInt(0);
    if (answer.status() != 200 || resultCode != 200) {
      throw ClearMlErrors.answer(answer.status(), resultCode, subcode, action(endpoint), notFound);
    }
    JsonNode data = root.path("data");
    return data.isObject() ? data : json.createObjectNode();
  }

  private String action(String endpoint) {
    return "call " + endpoint + " at " + settings.apiUrl();
  }

  private record Answer(int status, String body) {}
}
