package org.aiappstore.app.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A second Open Liberty server running the same WAR next to the test server, on the test server's
 * database (its embedded MongoDB, through the connection string it writes beside its data) and the
 * same object storage, as two replicas behind one Service would. Its own data directory holds its
 * own search index, as the chart gives each pod.
 *
 * <p>{@link #startSeparate} makes it an installation of its own instead: another database on that
 * MongoDB server and its own object store. The database then outlives the replica's process, as an
 * external MongoDB does, so the replica can be {@linkplain #kill() killed} and {@linkplain
 * #restart() started again} on what it left behind.
 */
final class ReplicaServer implements AutoCloseable {

  private static final String NAME = "replica";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final Path wlp;
  private final Path serverDir;
  private final int httpPort;
  private final String mongoUri;

  private ReplicaServer(Path wlp, Path serverDir, int httpPort, String mongoUri) {
    this.wlp = wlp;
    this.serverDir = serverDir;
    this.httpPort = httpPort;
    this.mongoUri = mongoUri;
  }

  /** Creates the replica from the test server's configuration and starts it; waits until ready. */
  static ReplicaServer start() throws IOException, InterruptedException {
    return start(null, Map.of());
  }

  /**
   * Creates and starts a separate installation: the database {@code database} on the test server's
   * MongoDB server, objects in its own data directory, and the given configuration on top.
   */
  static ReplicaServer startSeparate(String database, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(database, properties);
  }

  private static ReplicaServer start(String database, Map<String, String> properties)
      throws IOException, InterruptedException {
    // The test server writes its database's connection string once it runs.
    ApiIT.awaitReady();
    // server.log is wlp/usr/servers/defaultServer/logs/messages.log
    Path primaryDir = Path.of(System.getProperty("server.log")).getParent().getParent();
    Path wlp = primaryDir.getParent().getParent().getParent();
    Path serverDir = primaryDir.resolveSibling(NAME);
    deleteTree(serverDir);
    Files.createDirectories(serverDir.resolve("apps"));
    for (String file : List.of("server.xml", "jvm.options", "server.env")) {
      if (Files.exists(primaryDir.resolve(file))) {
        Files.copy(primaryDir.resolve(file), serverDir.resolve(file));
      }
    }
    copyTree(primaryDir.resolve("apps/aiappstore.war"), serverDir.resolve("apps/aiappstore.war"));

    Properties primary = new Properties();
    try (InputStream in = Files.newInputStream(primaryDir.resolve("bootstrap.properties"))) {
      primary.load(in);
    }
    Path primaryData = Path.of(primary.getProperty("aiappstore.data.dir"));
    String mongoUri = Files.readString(primaryData.resolve("db/connection-string")).strip();
    Path data = serverDir.resolve("data");
    Path plugins = serverDir.resolve("plugins");
    copyTree(Path.of(primary.getProperty("aiappstore.plugins.dir")), plugins);

    Properties replica = new Properties();
    replica.putAll(primary);
    int httpPort = freePort();
    replica.setProperty("http.port", String.valueOf(httpPort));
    replica.setProperty("https.port", String.valueOf(freePort()));
    replica.setProperty("aiappstore.data.dir", data.toString());
    replica.setProperty("aiappstore.plugins.dir", plugins.toString());
    replica.setProperty("aiappstore.mongodb.uri", mongoUri);
    if (database == null) {
      // One object store for both, as a bucket or a shared volume would be.
      replica.setProperty(
          "aiappstore.storage.filesystem.baseDirectory", primaryData.resolve("objects").toString());
    } else {
      replica.setProperty("aiappstore.mongodb.database", database);
      replica.setProperty(
          "aiappstore.storage.filesystem.baseDirectory", data.resolve("objects").toString());
    }
    // The replica tries for the reconciler lease every 5 s (the test server every 60 s).
    replica.setProperty("aiappstore.apps.reconcile.interval-seconds", "5");
    replica.putAll(properties);
    try (OutputStream out = Files.newOutputStream(serverDir.resolve("bootstrap.properties"))) {
      replica.store(out, "Replica of defaultServer for ReplicasIT");
    }

    ReplicaServer server = new ReplicaServer(wlp, serverDir, httpPort, mongoUri);
    server.restart();
    return server;
  }

  /** Starts the server on what it has (again, after {@link #kill()}); waits until ready. */
  void restart() throws IOException, InterruptedException {
    run("start");
    awaitReady();
  }

  /**
   * Ends the server's JVM at once (SIGKILL on Linux), as a crash or an OOM kill would: no shutdown
   * hook, no {@code @PreDestroy}, no lease released. Its process id is the one {@code server start}
   * wrote to {@code usr/servers/.pid/replica.pid}.
   */
  void kill() throws IOException, InterruptedException {
    Path pidFile = serverDir.resolveSibling(".pid").resolve(NAME + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle process =
        ProcessHandle.of(pid)
            .orElseThrow(
                () -> new IllegalStateException("The replica (" + pid + ") is not running"));
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("The replica's process " + p.pid() + " did not end", e);
      }
    }
  }

  /** The replica's HTTP port answers; false once its process is gone. */
  boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", httpPort), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The database both instances share, for checks on what they wrote. */
  String mongoUri() {
    return mongoUri;
  }

  String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "The replica was not ready within " + START_TIMEOUT + "; its log:\n" + logTail());
  }

  String logTail() {
    Path log = serverDir.resolve("logs/messages.log");
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no " + log + ")";
    }
  }

  private void run(String action) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), action, NAME)
            .redirectErrorStream(true)
            .redirectOutput(serverDir.resolveSibling(NAME + "-" + action + ".out").toFile())
            .start();
    if (process.waitFor() != 0 && "start".equals(action)) {
      throw new IllegalStateException("server start " + NAME + " failed; its log:\n" + logTail());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("stop");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Copies a file, or a directory with everything in it. */
  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(ReplicaServer::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
