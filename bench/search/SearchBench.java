import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search benchmark's client, a single-file program (run with {@code java SearchBench.java}):
 *
 * <pre>
 *   generate BASE_URL ADMIN_PASSWORD COUNT [FIRST]   users and COUNT realistic cards through the API
 *                                            (FIRST: the seed of the first card, to top up an
 *                                            interrupted run with cards it has not made)
 *   load BASE_URL ADMIN_PASSWORD SECONDS     throughput and p50/p99 at 1 and 32 clients:
 *                                            text+facet searches, and GET /api/v1/about
 *   rebuild BASE_URL ADMIN_PASSWORD          times POST /api/v1/admin/search/rebuild
 *   search BASE_URL ADMIN_PASSWORD SECONDS CLIENTS   the search measurement alone (for profiling)
 * </pre>
 *
 * Only the JDK is needed. Cards are generated from a fixed seed, so every run indexes the same
 * data.
 */
public class SearchBench {

  static final int USERS = 40;
  static final String PASSWORD = "Bench-User-Passphrase-2026";

  public static void main(String[] args) throws Exception {
    String base = args[1] + "/api/v1";
    Api admin = Api.login(base, "admin", args[2]);
    switch (args[0]) {
      case "generate" ->
          generate(base, admin, Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0);
      case "load" ->
          load(base, admin, Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0);
      case "rebuild" -> rebuild(admin);
      case "search" -> searchOnly(base, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  // ---------------------------------------------------------------- generate

  static void generate(String base, Api admin, int count, int first) throws Exception {
    List<String> tasks = strings(admin.get("/tasks").body());
    List<Api> owners = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> videos = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String username = String.format("bench%02d", i);
      String body =
          "{\"username\":\"" + username + "\",\"displayName\":\"" + Words.PEOPLE[i % Words.PEOPLE.length]
              + "\",\"roles\":[\"user\"],\"password\":\"" + PASSWORD + "\"}";
      HttpResponse<String> created = admin.post("/admin/users", body);
      if (created.statusCode() != 201 && created.statusCode() != 409) {
        throw new IllegalStateException("user: " + created.statusCode() + " " + created.body());
      }
      Api owner = Api.login(base, username, PASSWORD);
      owners.add(owner);
      ids.add(field(owner.get("/auth/me").body(), "id"));
      videos.add(field(owner.upload("/media?name=demo.mp4", "video/mp4", Words.tinyMp4()).body(), "id"));
    }
    System.out.printf("%d users ready; creating %d cards%n", USERS, count);
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                  int i = first + n;
                  Random random = new Random(i);
                  int owner = random.nextInt(USERS);
                  String card = Cards.card(random, i, tasks, ids, owner, videos.get(owner));
                  bytes.addAndGet(card.length());
                  HttpResponse<String> response = owners.get(owner).post("/models", card);
                  if (response.statusCode() != 201) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                  }
                  if ((n + 1) % 1000 == 0) {
                    System.out.printf("  %d cards (%.0f s)%n", n + 1, seconds(started));
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow(); // a failed worker ends the run instead of leaving the others going
    }
    System.out.printf(
        "created %d cards (%.0f MB of JSON) in %.0f s%n", count, bytes.get() / 1e6, seconds(started));
  }

  // ---------------------------------------------------------------- load

  static void load(String base, Api admin, int seconds, int warmUpSeconds) throws Exception {
    List<Api> users = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      users.add(Api.login(base, String.format("bench%02d", i % USERS), PASSWORD));
    }
    warmUp(base, users, warmUpSeconds);
    System.out.println(
        "| endpoint | clients | requests/s | p50 ms | p99 ms | server CPU ms/request | client CPU"
            + " ms/request | errors |\n"
            + "|---|---|---|---|---|---|---|---|");
    for (int clients : new int[] {1, 32}) {
      run("search: text + facets", clients, seconds, base, users, SearchBench::searchQuery);
      run("GET /api/v1/about, anonymous", clients, seconds, base, null, () -> "/about");
      run("GET /api/v1/about, same token", clients, seconds, base, users, () -> "/about");
    }
  }

  /**
   * Runs every load of the measurements below, unmeasured, until the server's JIT has compiled what
   * they use: a server started just before spends a third of its CPU in the compiler during the
   * first minutes of load (and recompiles when 32 clients follow 1), which a measurement's own
   * warm-up of a few seconds does not cover. The figures are then those of a server that has been
   * running, like the ones users search on.
   */
  static void warmUp(String base, List<Api> users, int seconds) throws Exception {
    if (seconds <= 0) {
      return;
    }
    long started = System.nanoTime();
    // Three rounds of each load in turn: 32 and 1 searching clients, then `/about` without and
    // with a token (a third as long), the rounds together taking about `seconds`.
    int slice = Math.max(3, seconds / 8);
    for (int round = 0; round < 3; round++) {
      for (int clients : new int[] {32, 1}) {
        measure(clients, slice, base, users, SearchBench::searchQuery);
      }
      measure(32, Math.max(1, slice / 3), base, null, () -> "/about");
      measure(32, Math.max(1, slice / 3), base, users, () -> "/about");
    }
    System.out.printf("(server warmed up for %.0f s)%n", seconds(started));
  }

  static void searchOnly(String base, int seconds, int clients) throws Exception {
    List<Api> users = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      users.add(Api.login(base, String.format("bench%02d", i % USERS), PASSWORD));
    }
    System.out.println(
        "| endpoint | clients | requests/s | p50 ms | p99 ms | server CPU ms/request | client CPU"
            + " ms/request | errors |");
    run("search: text + facets", clients, seconds, base, users, SearchBench::searchQuery);
  }

  /** A text query of one or two words, with a filter in half of the queries; facets always. */
  static String searchQuery() {
    Random random = new Random();
    StringBuilder query = new StringBuilder("/search/models?q=");
    String text =
        random.nextBoolean()
            ? Words.pick(random, Words.ARCHITECTURES)
            : Words.pick(random, Words.DOMAINS) + " " + Words.pick(random, Words.THINGS);
    query.append(URLEncoder.encode(text.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8));
    switch (random.nextInt(4)) {
      case 0 -> query.append("&tags=").append(enc(Words.pick(random, Words.tags())));
      case 1 -> query.append("&frameworks=").append(enc(Words.pick(random, Words.FRAMEWORKS)));
      default -> {}
    }
    return query.toString();
  }

  /** This (client) process's CPU time, reported beside the server's. */
  private static final com.sun.management.OperatingSystemMXBean CLIENT_CPU =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  static void run(
      String name, int clients, int seconds, String base, List<Api> users, Supplier<String> paths)
      throws Exception {
    // Warm up (JIT, caches) for a third of the measured time, then measure.
    measure(clients, Math.max(3, seconds / 3), base, users, paths);
    double cpuBefore = serverCpuSeconds();
    long clientBefore = CLIENT_CPU.getProcessCpuTime();
    Result result = measure(clients, seconds, base, users, paths);
    double cpu = serverCpuSeconds() - cpuBefore;
    double clientCpu = (CLIENT_CPU.getProcessCpuTime() - clientBefore) / 1e9;
    System.out.printf(
        "| %s | %d | %.0f | %.1f | %.1f | %s | %.2f | %d |%n",
        name,
        clients,
        result.throughput(),
        result.percentile(50),
        result.percentile(99),
        Double.isNaN(cpu) ? "–" : String.format(Locale.ROOT, "%.2f", cpu * 1000 / result.nanos.length),
        clientCpu * 1000 / result.nanos.length,
        result.errors);
  }

  /**
   * CPU seconds the server process has used (user + system), from /proc; NaN without
   * BENCH_SERVER_PID. Per request this says what a request costs even when other processes share
   * the cores, which moves throughput and latency much more.
   */
  static double serverCpuSeconds() {
    String pid = System.getenv("BENCH_SERVER_PID");
    if (pid == null || pid.isBlank()) {
      return Double.NaN;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.trim(), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[11] and [12] are utime and stime (the 14th and 15th of the whole line), in ticks
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  record Result(long[] nanos, double seconds, long errors) {
    double throughput() {
      return nanos.length / seconds;
    }

    double percentile(int p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
      return nanos[Math.max(0, index)] / 1e6;
    }
  }

  static Result measure(
      int clients, int seconds, String base, List<Api> users, Supplier<String> paths)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Api api = users == null ? null : users.get(c);
      futures.add(
          pool.submit(
              () -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                try (Wire wire = new Wire(base)) {
                  while (System.nanoTime() < end) {
                    String path = paths.get();
                    long t0 = System.nanoTime();
                    int status = wire.get(path, api == null ? null : api.token);
                    if (status == 401 && api != null) {
                      api.signIn(); // the token expired during the run: sign in, then ask again
                      t0 = System.nanoTime();
                      status = wire.get(path, api.token);
                    }
                    long t1 = System.nanoTime();
                    if (status != 200) {
                      errors.incrementAndGet();
                      continue;
                    }
                    if (n == samples.length) {
                      samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = t1 - t0;
                  }
                }
                return Arrays.copyOf(samples, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> future : futures) {
      all.add(future.get());
    }
    double elapsed = seconds(started);
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(merged, elapsed, errors.get());
  }

  // ---------------------------------------------------------------- rebuild

  static void rebuild(Api admin) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = admin.post("/admin/search/rebuild", "");
    double wall = seconds(started);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    System.out.printf(
        "rebuild: %s cards in %s ms (server), %.1f s (wall clock)%n",
        field(response.body(), "cards"), field(response.body(), "millis"), wall);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * One kept-alive HTTP/1.1 connection for the measured GETs, blocking and minimal. The client
   * shares the two cores with the server, so whatever it spends per request is taken from the
   * server: java.net.http (its selector thread, futures and a String of every body) cost about as
   * much CPU per search as a third of the server's work. This reads each answer to its end and
   * keeps only the status.
   */
  static final class Wire implements AutoCloseable {
    private final String host;
    private final int port;
    private final String prefix;
    private final byte[] buffer = new byte[8192];
    private Socket socket;
    private BufferedInputStream in;
    private OutputStream out;

    Wire(String base) {
      URI uri = URI.create(base);
      host = uri.getHost();
      port = uri.getPort();
      prefix = uri.getRawPath();
    }

    /** GET {@code path} (below the API base) with the bearer token if any; the answer's status. */
    int get(String path, String token) throws IOException {
      for (int attempt = 0; ; attempt++) {
        try {
          if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
          }
          String request =
              "GET " + prefix + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                  + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                  + "\r\n";
          out.write(request.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          return readAnswer();
        } catch (IOException e) {
          close();
          if (attempt == 2) {
            throw e;
          }
          // a kept-alive connection the server closed just as the request left: connect again
        }
      }
    }

    private int readAnswer() throws IOException {
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closing = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
          case "connection" -> closing = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          in.skipNBytes(size);
          line(); // the line break after each chunk
        }
        while (!line().isEmpty()) {} // trailers
      } else if (length >= 0) {
        in.skipNBytes(length);
      } else {
        while (in.read(buffer) >= 0) {} // the body ends with the connection
        closing = true;
      }
      if (closing) {
        close();
      }
      return code;
    }

    private long chunkSize() throws IOException {
      String line = line();
      int extension = line.indexOf(';');
      return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    /** One line of the head, without its line break. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException("the server closed the connection");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
        socket = null;
      }
    }
  }

  /** Calls with one user's bearer token; signs in again when it expires. */
  static final class Api {
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String username;
    private final String password;
    private volatile String token;

    private Api(String base, String username, String password) {
      this.base = base;
      this.username = username;
      this.password = password;
    }

    static Api login(String base, String username, String password) throws Exception {
      Api api = new Api(base, username, password);
      api.signIn();
      return api;
    }

    static Api anonymous(String base) {
      return new Api(base, null, null);
    }

    private void signIn() throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                  .header("Content-Type", "application/json")
                  // A client address per user: login throttling counts per address.
                  .header("X-Forwarded-For", "10.9." + (Math.abs(username.hashCode()) % 250) + ".1")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("login " + username + ": " + response.statusCode());
      }
      token = field(response.body(), "accessToken");
    }

    HttpResponse<String> get(String path) {
      return send(() -> HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
      return send(
          () ->
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> upload(String path, String type, byte[] bytes) {
      return send(
          () ->
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", type)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private HttpResponse<String> send(Supplier<HttpRequest.Builder> request) {
      try {
        for (int attempt = 0; ; attempt++) {
          HttpRequest.Builder builder = request.get().timeout(Duration.ofSeconds(120));
          if (token != null) {
            builder.header("Authorization", "Bearer " + token);
          }
          HttpResponse<String> response;
          try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            if (attempt < 2) {
              continue; // a kept-alive connection the server closed just as the request left
            }
            throw e;
          }
          if (response.statusCode() == 401 && username != null && attempt == 0) {
            signIn();
            continue;
          }
          return response;
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------- generated cards

  /** Cards that look like real ones: a title, task, tags, frameworks, prose and a long body. */
  static final class Cards {

    static String card(
        Random random, int n, List<String> tasks, List<String> userIds, int owner, String video) {
      String arch = Words.pick(random, Words.ARCHITECTURES);
      String domain = Words.pick(random, Words.DOMAINS);
      String thing = Words.pick(random, Words.THINGS);
      String title =
          Words.pick(random, Words.ADJECTIVES) + " " + arch + " for " + domain + " " + thing;
      List<String> tags = new ArrayList<>();
      int tagCount = 3 + random.nextInt(4);
      List<String> vocabulary = Words.tags();
      while (tags.size() < tagCount) {
        String tag = Words.pick(random, vocabulary);
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
      List<String> frameworks = new ArrayList<>();
      frameworks.add(Words.pick(random, Words.FRAMEWORKS));
      if (random.nextInt(3) == 0) {
        String second = Words.pick(random, Words.FRAMEWORKS);
        if (!frameworks.contains(second)) {
          frameworks.add(second);
        }
      }
      StringBuilder json = new StringBuilder("{");
      field(json, "title", title.length() > 120 ? title.substring(0, 120) : title);
      field(json, "task", Words.pick(random, tasks));
      array(json, "tags", tags);
      array(json, "frameworks", frameworks);
      field(json, "description", Prose.paragraph(random, 2, 4, arch, domain, thing));
      field(json, "explanation", Prose.paragraph(random, 3, 6, arch, domain, thing));
      field(json, "usage", "pip install " + arch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
          + "\n" + Prose.paragraph(random, 1, 3, arch, domain, thing));
      field(json, "limitations", Prose.paragraph(random, 1, 3, arch, domain, thing));
      field(json, "body", Prose.body(random, 5_000 + random.nextInt(15_001), arch, domain, thing));
      field(json, "performance", Prose.chart(random, arch));
      // One card in five had an app demo until a demo app had to be a running app of its owner (one
      // card per app, five apps per user): those cards now have no demo, so the draws stay the same.
      int demo = random.nextInt(20);
      if (demo == 4) {
        json.append("\"demo\":{\"type\":\"video\",\"mediaId\":\"").append(video).append("\"},");
      }
      if (random.nextInt(10) == 0) {
        field(json, "visibility", "private");
        List<String> shared = new ArrayList<>();
        for (int s = random.nextInt(3); s > 0; s--) {
          String id = userIds.get(random.nextInt(userIds.size()));
          if (!id.equals(userIds.get(owner)) && !shared.contains(id)) {
            shared.add(id);
          }
        }
        array(json, "sharedWith", shared);
      }
      json.setLength(json.length() - 1);
      return json.append('}').toString();
    }

    static void field(StringBuilder json, String name, String value) {
      json.append('"').append(name).append("\":").append(quote(value)).append(',');
    }

    static void array(StringBuilder json, String name, List<String> values) {
      json.append('"').append(name).append("\":[");
      for (int i = 0; i < values.size(); i++) {
        json.append(i == 0 ? "" : ",").append(quote(values.get(i)));
      }
      json.append("],");
    }
  }

  /** Sentences, paragraphs and HTML documents from a vocabulary, sized as asked. */
  static final class Prose {

    static String sentence(Random random, String arch, String domain, String thing) {
      String template = Words.pick(random, Words.SENTENCES);
      return template
          .replace("{arch}", arch)
          .replace("{domain}", domain)
          .replace("{thing}", thing)
          .replace("{dataset}", Words.pick(random, Words.DATASETS))
          .replace("{metric}", Words.pick(random, Words.METRICS))
          .replace("{n}", String.valueOf(2 + random.nextInt(98)))
          .replace("{word}", Words.pick(random, Words.FILLER));
    }

    static String paragraph(Random random, int min, int max, String arch, String domain, String thing) {
      StringBuilder text = new StringBuilder();
      int count = min + random.nextInt(max - min + 1);
      for (int i = 0; i < count; i++) {
        text.append(i == 0 ? "" : " ").append(sentence(random, arch, domain, thing));
      }
      return text.toString();
    }

    static String body(Random random, int size, String arch, String domain, String thing) {
      StringBuilder html = new StringBuilder();
      String[] sections = {"Overview", "Training data", "Method", "Evaluation", "Results", "Ethics"};
      int section = 0;
      while (html.length() < size) {
        html.append("<h2>").append(sections[section++ % sections.length]).append("</h2>");
        for (int p = 1 + random.nextInt(3); p > 0; p--) {
          html.append("<p>").append(escape(paragraph(random, 3, 7, arch, domain, thing))).append("</p>");
        }
        if (random.nextBoolean()) {
          html.append("<ul>");
          for (int i = 2 + random.nextInt(4); i > 0; i--) {
            html.append("<li>").append(escape(sentence(random, arch, domain, thing))).append("</li>");
          }
          html.append("</ul>");
        }
        if (random.nextInt(3) > 0) {
          html.append("<table><thead><tr><th>Dataset</th><th>Metric</th><th>")
              .append(escape(arch))
              .append("</th><th>Baseline</th></tr></thead><tbody>");
          for (int r = 3 + random.nextInt(8); r > 0; r--) {
            html.append("<tr><td>")
                .append(Words.pick(random, Words.DATASETS))
                .append("</td><td>")
                .append(Words.pick(random, Words.METRICS))
                .append("</td><td>")
                .append(String.format(Locale.ROOT, "%.3f", random.nextDouble()))
                .append("</td><td>")
                .append(String.format(Locale.ROOT, "%.3f", random.nextDouble()))
                .append("</td></tr>");
          }
          html.append("</tbody></table>");
        }
      }
      return html.toString();
    }

    static String chart(Random random, String arch) {
      StringBuilder figure = new StringBuilder("{\"data\":[{\"type\":\"scatter\",\"x\":[");
      for (int i = 1; i <= 10; i++) {
        figure.append(i == 1 ? "" : ",").append(i);
      }
      figure.append("],\"y\":[");
      for (int i = 1; i <= 10; i++) {
        figure.append(i == 1 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", 1 - 1.0 / (i + random.nextInt(3))));
      }
      figure.append("],\"name\":\"accuracy\"}],\"layout\":{\"title\":{\"text\":\"Validation accuracy\"}}}");
      return "<div data-type=\"chart\" data-figure=\"" + escape(figure.toString())
          + "\" data-caption=\"" + escape("Validation accuracy of " + arch + " per epoch") + "\"></div>";
    }

    static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }

  /** The vocabulary of the generated cards. */
  static final class Words {
    static final String[] ADJECTIVES = {
      "Efficient", "Robust", "Lightweight", "Fine-tuned", "Distilled", "Quantized", "Multilingual",
      "Self-supervised", "Pruned", "Calibrated", "Streaming", "Sparse", "Compact", "Large", "Fast"
    };
    static final String[] ARCHITECTURES = {
      "ResNet-50", "ResNet-101", "EfficientNet-B4", "ViT-B/16", "ViT-L/14", "ConvNeXt", "Swin Transformer",
      "YOLOv8", "DETR", "Mask R-CNN", "U-Net", "SegFormer", "BERT", "RoBERTa", "DeBERTa", "DistilBERT",
      "T5", "GPT-2", "Llama", "Mistral", "Whisper", "Wav2Vec2", "HuBERT", "CLIP", "BLIP", "Stable Diffusion",
      "XGBoost", "LightGBM", "CatBoost", "TabNet", "PPO", "DQN", "SAC", "GraphSAGE", "GAT", "PointNet++",
      "MobileNetV3", "DINOv2", "SAM", "Conformer"
    };
    static final String[] DOMAINS = {
      "satellite", "medical", "retail", "legal", "financial", "agricultural", "industrial", "automotive",
      "maritime", "wildlife", "manufacturing", "energy", "insurance", "telecom", "genomic", "clinical",
      "social media", "e-commerce", "weather", "traffic", "drone", "underwater", "warehouse", "sports",
      "music", "news", "customer support", "cybersecurity", "aviation", "construction"
    };
    static final String[] THINGS = {
      "image classification", "object detection", "segmentation", "named entity recognition",
      "sentiment analysis", "summarization", "translation", "speech recognition", "anomaly detection",
      "forecasting", "churn prediction", "fraud detection", "question answering", "captioning",
      "defect detection", "crop mapping", "tumor detection", "document parsing", "keyword spotting",
      "recommendation", "pose estimation", "depth estimation", "text classification", "retrieval"
    };
    static final String[] FRAMEWORKS = {
      "PyTorch", "TensorFlow", "JAX", "Keras", "ONNX", "scikit-learn", "XGBoost", "LightGBM",
      "Hugging Face Transformers", "OpenVINO", "TensorRT", "MLX", "PaddlePaddle", "C++"
    };
    static final String[] DATASETS = {
      "ImageNet", "COCO", "Pascal VOC", "Cityscapes", "ADE20K", "LibriSpeech", "Common Voice", "SQuAD",
      "GLUE", "SuperGLUE", "MNLI", "CIFAR-10", "CIFAR-100", "Open Images", "Kinetics-400", "WMT14",
      "CNN/DailyMail", "XSum", "MIMIC-III", "CheXpert", "Sentinel-2", "EuroSAT", "UCI Adult", "Criteo"
    };
    static final String[] METRICS = {
      "accuracy", "top-5 accuracy", "F1", "mAP", "mIoU", "BLEU", "ROUGE-L", "WER", "AUC", "RMSE",
      "precision", "recall", "latency (ms)", "throughput", "exact match"
    };
    static final String[] FILLER = {
      "carefully", "consistently", "reliably", "significantly", "robustly", "efficiently", "notably",
      "substantially", "moderately", "slightly"
    };
    static final String[] SENTENCES = {
      "This {arch} model was trained for {domain} {thing} on {dataset}.",
      "It reaches a {metric} of 0.{n} on the held-out split of {dataset}.",
      "We fine-tuned {arch} for {n} epochs with a cosine schedule and mixed precision.",
      "The model performs {word} well on {domain} data but degrades on images taken at night.",
      "Inputs are normalized and resized before inference; batches of {n} fit on one GPU.",
      "Compared with the baseline, {arch} improves {metric} by {n} percent on {dataset}.",
      "Labels were reviewed by {n} annotators with domain experience in {domain} {thing}.",
      "Use the model for research on {thing}; it is not certified for safety-critical decisions.",
      "Calibration was checked with reliability diagrams, and the model is {word} overconfident.",
      "Training used {n} GPU hours and data augmentation with random crops and color jitter.",
      "Known failure cases include rare classes, occlusion and distribution shift in {domain} settings.",
      "The export to ONNX keeps {metric} within {n} thousandths of the original model."
    };
    static final String[] PEOPLE = {
      "Alice Archer", "Bruno Diaz", "Chen Wei", "Dana Okafor", "Elif Kaya", "Farid Haddad", "Greta Lund",
      "Hiro Tanaka", "Ines Moreau", "Jonas Berg", "Kavya Rao", "Liam O'Brien", "Maya Cohen", "Nils Sorensen"
    };

    private static List<String> tags;

    /** A few hundred tags: topics, datasets, techniques, architectures and their combinations. */
    static synchronized List<String> tags() {
      if (tags == null) {
        List<String> all = new ArrayList<>();
        for (String d : DATASETS) {
          all.add(slug(d));
        }
        for (String a : ARCHITECTURES) {
          all.add(slug(a));
        }
        for (String d : DOMAINS) {
          all.add(slug(d));
        }
        for (String t : THINGS) {
          all.add(slug(t));
        }
        String[] techniques = {
          "transfer-learning", "distillation", "quantization", "pruning", "lora", "few-shot", "zero-shot",
          "contrastive", "self-supervised", "semi-supervised", "active-learning", "federated",
          "differential-privacy", "explainability", "fairness", "edge", "onnx-export", "int8", "fp16",
          "multilingual", "low-resource", "benchmark", "production", "research", "baseline", "sota"
        };
        all.addAll(List.of(techniques));
        for (String d : DOMAINS) {
          for (String t : new String[] {"vision", "nlp", "audio", "tabular"}) {
            if (all.size() < 300) {
              all.add(slug(d) + "-" + t);
            }
          }
        }
        tags = List.copyOf(new java.util.LinkedHashSet<>(all));
      }
      return tags;
    }

    static String slug(String text) {
      return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+]+", "-").replaceAll("(^-|-$)", "");
    }

    static <T> T pick(Random random, T[] values) {
      return values[random.nextInt(values.length)];
    }

    static <T> T pick(Random random, List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    /** An MP4-shaped file: an ftyp box makes it sniff as MP4. */
    static byte[] tinyMp4() {
      byte[] bytes = new byte[1024];
      byte[] box = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'i', 's', 'o', '2'};
      System.arraycopy(box, 0, bytes, 0, box.length);
      return bytes;
    }
  }

  // ---------------------------------------------------------------- JSON bits

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A top-level string or number member of a JSON object (enough for the answers used here). */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  static List<String> strings(String jsonArray) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(jsonArray);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
