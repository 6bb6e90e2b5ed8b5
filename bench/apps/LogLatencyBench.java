import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;

/**
 * Issue #8's log benchmark: the time from a line written to a pod's log to its arrival at a client
 * of {@code GET /api/v1/apps/{id}/logs?follow=true} (Server-Sent Events).
 *
 * <pre>
 *   java -cp CLASSPATH LogLatencyBench BASE_URL ADMIN_PASSWORD [LINES] [PER_SECOND] [WARMUP] [CSV]
 * </pre>
 *
 * <p>The Kubernetes API the server's emissary backend talks to runs in this JVM: fabric8's CRUD mock
 * (the plugin TCK's {@link KubernetesMockCluster}) behind a small HTTP/1.1 front server. The mock
 * cannot hold a response open, so its followed logs end at once and a follower would only measure
 * its reconnect delay; the front server therefore serves pod logs itself, as the API server does: a
 * {@code follow=true} request gets status 200 and a chunked body that stays open, and each line is
 * written and flushed the moment the benchmark writes it, prefixed by its RFC 3339 time when {@code
 * timestamps=true}. Every other request is forwarded to the mock.
 *
 * <p>Lines carry their sequence number; both instants are {@link System#nanoTime()} of this JVM.
 * The run fails if a line is lost or delivered twice. With CSV, each measured line's sequence
 * number and latency in milliseconds are written there.
 */
public class LogLatencyBench {

  static final String IMAGE = "ghcr.io/acme/sentiment:1.2";
  static final String CONTAINER = "app";
  static final String USER = "logbench";
  static final String USER_PASSWORD = "Bench-User-Passphrase-2026";
  // Held so the setting sticks: the mock logs every request it serves (the pods are listed every 2 s).
  static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) throws Exception {
    String api = args[0] + "/api/v1";
    String adminPassword = args[1];
    int lines = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int perSecond = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 50;
    String csv = args.length > 5 ? args[5] : null;
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);

    try (KubernetesMockCluster cluster = KubernetesMockCluster.start();
        FrontServer front = new FrontServer(cluster.apiServer())) {
      Rest admin = Rest.login(api, "admin", adminPassword);
      String backendId = "bench-emissary-" + Long.toString(System.currentTimeMillis(), 36);
      admin.expect(
          201,
          "POST",
          "/admin/connectors",
          "{\"id\":\"" + backendId + "\",\"kind\":\"deployment-backend\",\"factoryId\":\"emissary\","
              + "\"displayName\":\"Bench cluster\",\"config\":{\"namespace\":\""
              + cluster.namespace() + "\",\"masterUrl\":\"" + front.url()
              + "\",\"token\":\"cluster-token\",\"publicBaseUrl\":\"https://apps.example.com\"}}");
      admin.expect(
          201,
          "POST",
          "/admin/users",
          "{\"username\":\"" + USER + "\",\"displayName\":\"Log Bench\",\"roles\":[\"user\"],"
              + "\"password\":\"" + USER_PASSWORD + "\"}");
      Rest owner = Rest.login(api, USER, USER_PASSWORD);
      String app =
          owner.expect(
              201,
              "POST",
              "/apps",
              "{\"backendId\":\"" + backendId + "\",\"image\":\"" + IMAGE + "\",\"port\":7860}");
      String appId = field(app, "id");
      String name = field(app, "name");

      // What the Deployment controller and the scheduler would do: one ready pod of the template.
      Deployment deployment =
          cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
      if (deployment == null) {
        throw new IllegalStateException("the backend created no Deployment " + name);
      }
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      String pod = name + "-5d8f7c9b4-bench";
      PodLog log = front.addPod(pod);
      cluster.addPod(pod, labels, true, CONTAINER);

      int total = warmup + lines;
      SseClient sse = new SseClient(total);
      sse.open(owner, "/apps/" + appId + "/logs?follow=true");
      if (!front.followed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the server never followed the pod's log");
      }
      long[] written = new long[total];
      long interval = 1_000_000_000L / perSecond;
      System.out.printf(
          "writing %d warm-up and %d measured lines, %d per second (load average %s)%n",
          warmup, lines, perSecond, loadAverage());
      long next = System.nanoTime();
      for (int seq = 0; seq < total; seq++) {
        LockSupport.parkNanos(next - System.nanoTime());
        written[seq] = System.nanoTime();
        log.append(Instant.now(), String.format(Locale.ROOT, "bench-line %06d of %d", seq, total));
        next += interval;
      }
      sse.awaitAll(Duration.ofSeconds(30));
      sse.close();
      if (csv != null) {
        StringBuilder out = new StringBuilder("seq,latency_ms\n");
        for (int seq = warmup; seq < total; seq++) {
          long arrival = sse.arrivals.get(seq);
          out.append(seq).append(',')
              .append(arrival == 0 ? "" : String.format(Locale.ROOT, "%.3f", ms(arrival - written[seq])))
              .append('\n');
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(csv), out);
      }
      report(sse, written, warmup, lines, front.followRequests.get());
    }
  }

  static void report(SseClient sse, long[] written, int warmup, int lines, int followRequests) {
    int total = written.length;
    List<Integer> lost = new ArrayList<>();
    List<Integer> duplicated = new ArrayList<>();
    for (int seq = 0; seq < total; seq++) {
      int count = sse.counts.get(seq);
      if (count == 0) {
        lost.add(seq);
      } else if (count > 1) {
        duplicated.add(seq);
      }
    }
    long[] measured = new long[lines];
    int received = 0;
    for (int seq = warmup; seq < total; seq++) {
      long arrival = sse.arrivals.get(seq);
      if (arrival != 0) {
        measured[received++] = arrival - written[seq];
      }
    }
    long[] sorted = Arrays.copyOf(measured, received);
    Arrays.sort(sorted);
    long[] warm = new long[warmup];
    for (int seq = 0; seq < warmup; seq++) {
      warm[seq] = sse.arrivals.get(seq) == 0 ? Long.MAX_VALUE : sse.arrivals.get(seq) - written[seq];
    }
    Arrays.sort(warm);
    System.out.printf(
        "follow requests to the API server: %d (1 = one stream held open, no reconnect)%n",
        followRequests);
    if (warmup > 0) {
      System.out.printf(
          "warm-up (%d lines, not counted): p50 %.1f ms, max %.1f ms%n",
          warmup, ms(percentile(warm, 50)), ms(warm[warm.length - 1]));
    }
    System.out.println("| lines | received | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    System.out.printf(
        "| %d | %d | %.1f | %.1f | %.1f |%n",
        lines,
        received,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 99)),
        ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    System.out.printf("(load average after: %s)%n", loadAverage());
    if (!lost.isEmpty() || !duplicated.isEmpty() || sse.unexpected.get() > 0) {
      throw new IllegalStateException(
          "lines lost: "
              + lost.size()
              + " "
              + first(lost)
              + ", duplicated: "
              + duplicated.size()
              + " "
              + first(duplicated)
              + ", unexpected events: "
              + sse.unexpected.get()
              + " "
              + sse.lastUnexpected);
    }
  }

  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static List<Integer> first(List<Integer> values) {
    return values.subList(0, Math.min(10, values.size()));
  }

  static String loadAverage() {
    try {
      String[] fields =
          new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")))
              .split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------- the pod's log

  /** One container's log: timestamped lines, and followers waiting for the next one. */
  static final class PodLog {
    record Line(Instant time, String text) {}

    private final List<Line> lines = new ArrayList<>();

    synchronized void append(Instant time, String text) {
      lines.add(new Line(time, text));
      notifyAll();
    }

    /** Lines from index {@code from}, waiting up to {@code waitMillis} for one if there is none. */
    synchronized List<Line> from(int from, long waitMillis) throws InterruptedException {
      if (lines.size() <= from && waitMillis > 0) {
        wait(waitMillis);
      }
      return lines.size() <= from ? List.of() : new ArrayList<>(lines.subList(from, lines.size()));
    }

    synchronized int size() {
      return lines.size();
    }
  }

  // ---------------------------------------------------------------- the Kubernetes API server

  /**
   * HTTP/1.1 in front of the mock: pod logs served here and held open when followed; everything
   * else forwarded. The JDK client fabric8 uses may offer an h2c upgrade on plain HTTP; this server
   * ignores the offer and answers in HTTP/1.1, which the client accepts.
   */
  static final class FrontServer implements AutoCloseable {
    private static final Pattern LOG_PATH =
        Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log");
    private static final Set<String> NOT_FORWARDED =
        Set.of(
            "host", "connection", "content-length", "upgrade", "http2-settings", "expect",
            "transfer-encoding", "keep-alive", "te");

    final CountDownLatch followed = new CountDownLatch(1);
    final AtomicInteger followRequests = new AtomicInteger();
    private final URI mock;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient forward =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, PodLog> logs = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    FrontServer(URI mock) throws IOException {
      this.mock = mock;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      // Followed logs hold their thread: one thread per exchange.
      server.setExecutor(threads);
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    PodLog addPod(String pod) {
      return logs.computeIfAbsent(pod, p -> new PodLog());
    }

    private void handle(HttpExchange exchange) throws IOException {
      try {
        Matcher log = LOG_PATH.matcher(exchange.getRequestURI().getRawPath());
        if ("GET".equals(exchange.getRequestMethod()) && log.matches()) {
          serveLog(exchange, log.group(2), query(exchange.getRequestURI().getRawQuery()));
        } else {
          forward(exchange);
        }
      } catch (Exception e) {
        if (open) {
          System.err.println("front server: " + exchange.getRequestURI() + ": " + e);
        }
      } finally {
        exchange.close();
      }
    }

    private void serveLog(HttpExchange exchange, String pod, Map<String, String> query)
        throws IOException, InterruptedException {
      PodLog log = logs.get(pod);
      if (log == null) {
        byte[] body =
            ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                    + "\"pods \\\"" + pod + "\\\" not found\",\"reason\":\"NotFound\",\"code\":404}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      boolean follow = "true".equals(query.get("follow"));
      boolean timestamps = "true".equals(query.get("timestamps"));
      Instant since =
          query.containsKey("sinceTime")
              ? Instant.parse(query.get("sinceTime")).truncatedTo(ChronoUnit.SECONDS)
              : null;
      List<PodLog.Line> all = log.from(0, 0);
      List<PodLog.Line> selected = new ArrayList<>();
      for (PodLog.Line line : all) {
        if (since == null || !line.time().isBefore(since)) {
          selected.add(line);
        }
      }
      if (query.containsKey("tailLines")) {
        int tail = Integer.parseInt(query.get("tailLines"));
        selected = selected.subList(Math.max(0, selected.size() - tail), selected.size());
      }
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      // Length 0: chunked, as the API server streams a log.
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, selected, timestamps);
      if (!follow) {
        return;
      }
      followRequests.incrementAndGet();
      followed.countDown();
      int next = all.size();
      while (open) {
        List<PodLog.Line> fresh = log.from(next, 500);
        next += fresh.size();
        // A failed write means the follower went away: the exchange ends.
        write(out, fresh, timestamps);
      }
    }

    private static void write(OutputStream out, List<PodLog.Line> lines, boolean timestamps)
        throws IOException {
      if (lines.isEmpty()) {
        return;
      }
      StringBuilder text = new StringBuilder();
      for (PodLog.Line line : lines) {
        text.append(timestamps ? line.time() + " " : "").append(line.text()).append('\n');
      }
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(mock.resolve(exchange.getRequestURI().toString()))
              .method(
                  exchange.getRequestMethod(),
                  requestBody.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response =
          forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] body = response.body();
      int status = response.statusCode();
      boolean empty = body.length == 0 || status == 204 || status == 304;
      exchange.sendResponseHeaders(status, empty ? -1 : body.length);
      if (!empty) {
        exchange.getResponseBody().write(body);
      }
    }

    private static Map<String, String> query(String raw) {
      Map<String, String> params = new LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return params;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        params.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return params;
    }

    @Override
    public void close() {
      open = false;
      server.stop(0);
      threads.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- the SSE client

  /** Reads the event stream on its own thread and notes when each numbered line arrives. */
  static final class SseClient {
    private static final Pattern LINE = Pattern.compile("\"line\":\"bench-line (\\d+) of \\d+\"");

    final AtomicLongArray arrivals;
    final java.util.concurrent.atomic.AtomicIntegerArray counts;
    final AtomicInteger unexpected = new AtomicInteger();
    volatile String lastUnexpected = "";
    private final AtomicInteger received = new AtomicInteger();
    private final int expected;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile InputStream body;
    private Thread reader;

    SseClient(int expected) {
      this.expected = expected;
      arrivals = new AtomicLongArray(expected);
      counts = new java.util.concurrent.atomic.AtomicIntegerArray(expected);
    }

    void open(Rest rest, String path) throws Exception {
      HttpResponse<InputStream> response =
          rest.http.send(
              HttpRequest.newBuilder(URI.create(rest.base + path))
                  .header("Authorization", "Bearer " + rest.token)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "log stream: " + response.statusCode() + " "
                + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      body = response.body();
      reader = new Thread(this::read, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = "message";
        String line;
        while ((line = in.readLine()) != null) {
          long now = System.nanoTime();
          if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            Matcher m = LINE.matcher(line);
            if ("line".equals(event) && m.find()) {
              int seq = Integer.parseInt(m.group(1));
              if (counts.getAndIncrement(seq) == 0) {
                arrivals.set(seq, now);
              }
              if (received.incrementAndGet() >= expected) {
                done.countDown();
              }
            } else {
              unexpected.incrementAndGet();
              lastUnexpected = event + " " + line;
              done.countDown();
            }
          } else if (line.isEmpty()) {
            event = "message";
          }
        }
      } catch (IOException e) {
        // Closed by close(), or the server ended the stream: counted as lost lines if any.
      } finally {
        done.countDown();
      }
    }

    void awaitAll(Duration timeout) throws InterruptedException {
      done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      // Lines delivered twice would arrive after the last expected one: give them a moment.
      Thread.sleep(1000);
    }

    void close() throws IOException {
      body.close();
    }
  }

  // ---------------------------------------------------------------- REST calls

  static final class Rest {
    final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    final String base;
    String token;

    private Rest(String base) {
      this.base = base;
    }

    static Rest login(String base, String username, String password) throws Exception {
      Rest rest = new Rest(base);
      rest.token =
          field(
              rest.expect(
                  200,
                  "POST",
                  "/auth/login",
                  "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"),
              "accessToken");
      return rest;
    }

    String expect(int status, String method, String path, String json) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(json));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != status) {
        throw new IllegalStateException(
            method + " " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
  }

  /** A top-level string member of a JSON object (enough for the answers used here). */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
