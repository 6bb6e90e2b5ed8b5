package org.aiappstore.plugin.tck.experiment.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server for faking a remote tracker in tests, on the JDK's {@code
 * com.sun.net.httpserver}: it listens on an ephemeral loopback port, answers registered routes
 * (method and exact path), records every request, and can go silent to provoke client timeouts.
 *
 * <pre>{@code
 * try (FakeHttpServer server = FakeHttpServer.start()) {
 *   server.route("POST", "/tasks.get_by_id", request ->
 *       FakeHttpServer.Response.json(200, FakeHttpServer.resource("clearml/task.json")));
 *   URI api = server.baseUrl();
 *   ...
 * }
 * }</pre>
 *
 * Unknown routes answer 404 with a small JSON body. Handlers run on a pool of their own, so a
 * stalled request does not hold up the others.
 */
public final class FakeHttpServer implements AutoCloseable {

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch stall = new CountDownLatch(0);
  private volatile boolean closed;

  private FakeHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a server on a free port of {@code 127.0.0.1}.
   *
   * @return the running server, to close
   */
  public static FakeHttpServer start() {
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add about 40 ms to every answer. Read once, when the first server
    // starts.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "fake-http-server");
                thread.setDaemon(true);
                return thread;
              });
      FakeHttpServer fake = new FakeHttpServer(server, executor);
      server.createContext("/", fake::handle);
      server.setExecutor(executor);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the fake HTTP server", e);
    }
  }

  /**
   * A URL where nothing listens: a loopback port that was free a moment ago. Connections to it are
   * refused.
   *
   * @return e.g. {@code http://127.0.0.1:40123}
   */
  public static URI unusedUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }

  /**
   * Reads a UTF-8 text resource from the test class path, e.g. a recorded JSON answer.
   *
   * @param name the resource name, e.g. {@code clearml/tasks.get_by_id.json}
   * @return the content
   * @throws IllegalArgumentException if there is no such resource
   */
  public static String resource(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = FakeHttpServer.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No resource " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read resource " + name, e);
    }
  }

  /**
   * The server's base URL, without a trailing slash.
   *
   * @return e.g. {@code http://127.0.0.1:40123}
   */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Answers requests of a method to an exact path, replacing any previous handler.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param path the path, e.g. {@code /api/2.0/mlflow/runs/get}
   * @param handler produces the answer
   * @return this server
   */
  public FakeHttpServer route(String method, String path, Handler handler) {
    routes.put(key(method, path), Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /**
   * Makes every request, current and future, wait without an answer until {@link #resume()} or
   * {@link #close()}: a tracker that accepts connections but never answers.
   */
  public void stall() {
    if (stall.getCount() == 0) {
      stall = new CountDownLatch(1);
    }
  }

  /** Lets stalled and future requests through again. */
  public void resume() {
    stall.countDown();
  }

  /**
   * The requests received so far, oldest first.
   *
   * @return an immutable snapshot
   */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests received so far to a path.
   *
   * @param path the exact path
   * @return an immutable snapshot, oldest first
   */
  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /** Stops the server at once, releasing stalled requests. */
  @Override
  public void close() {
    closed = true;
    stall.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      requests.add(request);
      awaitResume();
      if (closed) {
        return;
      }
      Response response = respond(request);
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private Response respond(Request request) {
    Handler handler = routes.get(key(request.method(), request.path()));
    if (handler == null) {
      return Response.json(404, "{\"error\":\"no fake route\"}");
    }
    try {
      return handler.handle(request);
    } catch (RuntimeException e) {
      // A failing handler is a bug in the test: answer 500 so that the client sees something.
      return Response.text(500, "fake handler failed: " + e);
    }
  }

  private void awaitResume() {
    try {
      stall.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Request(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        uri.getRawPath(),
        parseQuery(uri.getRawQuery()),
        Collections.unmodifiableMap(headers),
        body);
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    query.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(query);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  /** Produces the answer to a request. */
  @FunctionalInterface
  public interface Handler {

    /**
     * Answers a request.
     *
     * @param request what was received
     * @return the answer
     */
    Response handle(Request request);
  }

  /**
   * A received request.
   *
   * @param method the HTTP method, upper case
   * @param path the raw path
   * @param query decoded query parameters, in order
   * @param headers headers by lower-case name
   * @param body the body as UTF-8 text, empty if none
   */
  public record Request(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String body) {

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name
     * @return the value, or empty if absent
     */
    public Optional<String> queryParameter(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or empty if absent
     */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param contentType the media type
   * @param body the body, UTF-8
   */
  public record Response(int status, String contentType, String body) {

    /**
     * A JSON answer.
     *
     * @param status the HTTP status
     * @param json the body
     * @return the answer
     */
    public static Response json(int status, String json) {
      return new Response(status, "application/json", json);
    }

    /**
     * A plain-text answer, e.g. a reverse proxy's error page.
     *
     * @param status the HTTP status
     * @param text the body
     * @return the answer
     */
    public static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", text);
    }
  }
}
