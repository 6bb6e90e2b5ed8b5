package org.aiappstore.plugin.tck.data.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: S3Proxy on the filesystem backend, checking AWS v2/v4 signatures, run
 * as a separate process on a free loopback port. Its jar bundles its own AWS SDK, Jetty and
 * jclouds, so it stays off the test classpath; the build copies it ({@code org.gaul:s3proxy},
 * classifier {@code jar-with-dependencies}) and passes its path as the system property {@code
 * s3proxy.jar}.
 */
public final class S3ProxyProcess implements AutoCloseable {

  public static final String ACCESS_KEY = "tck-access-key";
  public static final String SECRET_KEY = "tck-secret-8f3e2a1c9d";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyProcess(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * Starts a server storing its data under a directory and waits until it answers.
   *
   * @param directory a writable directory owned by the test
   * @return the running server
   */
  public static S3ProxyProcess start(Path directory) throws IOException, InterruptedException {
    return start(directory, freePort());
  }

  /**
   * Starts a server on a given loopback port, e.g. to bring a stopped one back at the same address
   * with the same data directory.
   *
   * @param directory a writable directory owned by the test
   * @param port the port to listen on
   * @return the running server
   */
  public static S3ProxyProcess start(Path directory, int port)
      throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "System property s3proxy.jar must name the S3Proxy jar (set by the Maven build), not "
              + jar);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path data = Files.createDirectories(directory.resolve("data"));
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", endpoint.toString());
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ACCESS_KEY);
    properties.setProperty("s3proxy.credential", SECRET_KEY);
    properties.setProperty("jclouds.provider", "filesystem-nio2");
    properties.setProperty("jclouds.identity", ACCESS_KEY);
    properties.setProperty("jclouds.credential", SECRET_KEY);
    properties.setProperty("jclouds.filesystem.basedir", data.toString());
    Path conf = directory.resolve("s3proxy.conf");
    try (Writer writer = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
      properties.store(writer, "S3Proxy for tests");
    }
    Path log = directory.resolve("s3proxy.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(java, "-Xmx384m", "-jar", jar, "--properties", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyProcess server = new S3ProxyProcess(process, endpoint, log);
    try {
      server.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:41805}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Stops the server process. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited on start:\n" + Files.readString(log));
      }
      if (answers()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "S3Proxy did not answer within " + STARTUP_TIMEOUT + ":\n" + Files.readString(log));
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
  }

  /** Any HTTP answer (an anonymous request is refused with 403) means the server is up. */
  private boolean answers() {
    try {
      HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
