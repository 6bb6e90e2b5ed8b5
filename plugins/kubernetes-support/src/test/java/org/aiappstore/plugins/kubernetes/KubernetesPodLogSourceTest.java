package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log requests the API server refuses with 400, which the CRUD mock cannot answer: a container
 * still starting is told apart from other bad requests.
 */
class KubernetesPodLogSourceTest {

  private HttpServer server;
  private KubernetesClient client;
  private volatile String answer;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    client =
        new KubernetesClientBuilder()
            .withHttpClientFactory(new JdkHttpClientFactory())
            .withConfig(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private PodLogSource source() {
    return new KubernetesPodLogSource(client, "apps", Map.of("app", "demo"), () -> true, 1024);
  }

  private static String status(String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
        + message.replace("\"", "\\\"")
        + "\",\"reason\":\"BadRequest\",\"code\":400}";
  }

  @Test
  void shouldTellAContainerStillStartingFromOtherBadRequests() {
    answer = status("a container name must be specified for pod demo-x");
    assertThatThrownBy(() -> source().open("demo-x", "app", null, 10, false))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e ->
                assertThat(e)
                    .isNotInstanceOf(PodLogSource.NotRunningException.class)
                    .extracting(PlatformException::errorCode)
                    .isEqualTo(PlatformErrors.INVALID_ARGUMENT));

    answer = status("container \"app\" in pod \"demo-x\" is waiting to start: ContainerCreating");

    assertThatThrownBy(() -> source().open("demo-x", "app", null, 10, false))
        .isInstanceOf(PodLogSource.NotRunningException.class)
        .hasMessageContaining("ContainerCreating");
  }

  @Test
  void shouldTellAPodWithoutANode() {
    answer = status("pod \"demo-x\" does not have a host assigned");

    assertThatThrownBy(() -> source().open("demo-x", "app", null, 10, false))
        .isInstanceOf(PodLogSource.NotRunningException.class);
  }
}
