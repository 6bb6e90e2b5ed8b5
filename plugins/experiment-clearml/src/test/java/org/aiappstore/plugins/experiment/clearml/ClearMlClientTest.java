package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClearMlClientTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldStopReadingAnAnswerLargerThanItsLimitAndNotRetryIt() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse it by
          byte[] chunk = new byte[1024 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i <= ClearMlClient.MAX_ANSWER_BYTES / chunk.length; i++) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // the client stopped reading: what the test expects
          }
        });
    server.start();
    URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    ClearMlClient client =
        new ClearMlClient(
            new ClearMlSettings(api, api, "key", "secret", Duration.ofSeconds(10), List.of()),
            HttpClient.newHttpClient(),
            new ObjectMapper());

    assertThatThrownBy(() -> client.call("tasks.get_by_id", client.body(), null))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
              assertThat(e.retryable()).as("the same answer comes again").isFalse();
              assertThat(ClearMlErrors.concernsOnlyTheCall(e)).isTrue();
            })
        .hasMessageContaining("larger than");
  }

  @Test
  void shouldGiveUpOnAnAnswerWhoseBodyComesTooSlowly() throws Exception {
    URI api = slowBodyServer();
    ClearMlClient client =
        new ClearMlClient(
            new ClearMlSettings(api, api, "key", "secret", Duration.ofSeconds(2), List.of()),
            HttpClient.newHttpClient(),
            new ObjectMapper());
    long started = System.nanoTime();

    assertThatThrownBy(() -> client.call("tasks.get_by_id", client.body(), null))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.TIMEOUT));
    // The server would go on for a minute; the headers came at once, the body's deadline is 2 s.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  /** Answers at once, then sends its body a byte every half second, for a minute. */
  private URI slowBodyServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 120);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 120; i++) {
              out.write('{');
              out.flush();
              Thread.sleep(500);
            }
          } catch (IOException | InterruptedException e) {
            // the client gave up: what the test expects
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
