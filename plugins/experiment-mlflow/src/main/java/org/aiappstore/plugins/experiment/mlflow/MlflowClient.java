package org.aiappstore.plugins.experiment.mlflow;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Calls MLflow's REST API 2.0 under {@code {tracking}/api/2.0/mlflow/}: GETs with query parameters,
 * POSTs with JSON bodies, with the configured bearer token or basic credentials. Safe for
 * concurrent use.
 */
final class MlflowClient {

  /** Most bytes read of one answer: metric histories can be long, but are held in memory whole. */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

  private final MlflowSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;

  MlflowClient(MlflowSettings settings, HttpClient http, ObjectMapper json) {
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
   * GETs an endpoint.
   *
   * @param path the path after {@code /api/2.0/mlflow/}, e.g. {@code runs/get}
   * @param query query parameters; {@code null} values are left out
   * @param expect what the caller counts as its own mistake
   * @return the answer, a JSON object
   */
  JsonNode get(String path, Map<String, String> query, MlflowErrors.Expect expect) {
    return get(path, query, expect, settings.requestTimeout(), this::object);
  }

  /**
   * GETs an endpoint within a given time and reads the answer as it likes, e.g. streaming.
   *
   * @param <T> what the reader makes of the answer
   * @param path the path after {@code /api/2.0/mlflow/}, e.g. {@code metrics/get-history}
   * @param query query parameters; {@code null} values are left out
   * @param expect what the caller counts as its own mistake
   * @param timeout how long the whole call may take, at most the request timeout
   * @param reader reads a successful answer; an {@link IOException} makes it unreadable
   * @return what the reader returned
   */
  <T> T get(
      String path,
      Map<String, String> query,
      MlflowErrors.Expect expect,
      Duration timeout,
      AnswerReader<T> reader) {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            parameters.add(encode(name) + "=" + encode(value));
          }
        });
    HttpRequest.Builder request =
        request(URI.create(settings.endpoint(path) + parameters), timeout).GET();
    return send(path, request.build(), expect, timeout, reader);
  }

  /**
   * POSTs JSON to an endpoint.
   *
   * @param path the path after {@code /api/2.0/mlflow/}, e.g. {@code runs/search}
   * @param body the request body
   * @param expect what the caller counts as its own mistake
   * @return the answer, a JSON object
   */
  JsonNode post(String path, ObjectNode body, MlflowErrors.Expect expect) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new PlatformException(PlatformErrors.INTERNAL, "Cannot write an MLflow request", e);
    }
    HttpRequest.Builder request =
        request(URI.create(settings.endpoint(path)), settings.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text));
    return send(path, request.build(), expect, settings.requestTimeout(), this::object);
  }

  private HttpRequest.Builder request(URI uri, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(atLeastAMillisecond(timeout))
            .header("Accept", "application/json");
    if (settings.authorization() != null) {
      request.header("Authorization", settings.authorization());
    }
    return request;
  }

  private <T> T send(
      String path,
      HttpRequest request,
      MlflowErrors.Expect expect,
      Duration timeout,
      AnswerReader<T> reader) {
    String action = "call " + path + " at " + settings.trackingUrl();
    HttpResponse<InputStream> response;
    byte[] bytes;
    try {
      long sent = System.nanoTime();
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        bytes = readWithin(in, timeout.minusNanos(System.nanoTime() - sent));
        if (bytes.length > MAX_ANSWER_BYTES) {
          throw MlflowErrors.tooLarge(MAX_ANSWER_BYTES, action);
        }
      }
    } catch (IOException e) {
      throw MlflowErrors.transport(e, action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException(
          PlatformErrors.UNAVAILABLE, "Interrupted while waiting for MLflow", e, true);
    }
    if (response.statusCode() != 200) {
      JsonNode body = parse(new String(bytes, StandardCharsets.UTF_8));
      String code = body == null ? "" : body.path("error_code").asText("");
      throw MlflowErrors.answer(response.statusCode(), code, action, expect);
    }
    try (JsonParser parser = json.createParser(bytes)) {
      return reader.read(parser);
    } catch (IOException e) {
      throw MlflowErrors.unreadable(response.statusCode(), action, e);
    }
  }

  /** Reads an answer as a JSON object; an empty answer is an empty object. */
  private JsonNode object(JsonParser parser) throws IOException {
    JsonNode node = json.readTree(parser);
    if (node == null || node.isMissingNode()) {
      return json.createObjectNode();
    }
    if (!node.isObject()) {
      throw new JsonParseException(parser, "MLflow answers a JSON object");
    }
    return node;
  }

  private static Duration atLeastAMillisecond(Duration timeout) {
    return timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout;
  }

  /**
   * Reads a successful answer.
   *
   * @param <T> what it makes of the answer
   */
  @FunctionalInterface
  interface AnswerReader<T> {

    /**
     * Reads the answer.
     *
     * @param answer a parser at the start of the answer
     * @return what was read
     * @throws IOException if the answer is not what was expected
     */
    T read(JsonParser answer) throws IOException;
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

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
