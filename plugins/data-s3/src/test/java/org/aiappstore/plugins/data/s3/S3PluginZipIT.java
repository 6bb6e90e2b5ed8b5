package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.packaging.PluginZipContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the packaged plugin zip the way the host does (PF4J over a plugins directory) and uses the
 * connector against S3Proxy, with a thread context class loader that cannot see the AWS SDK, as in
 * the host.
 */
class S3PluginZipIT extends PluginZipContract<DataConnectorFactory> {

  @TempDir static Path serverDirectory;

  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDirectory);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Class<DataConnectorFactory> extensionPoint() {
    return DataConnectorFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(DataConnectorFactory factory) {
    return factory.descriptor().id().equals("s3");
  }

  @Override
  protected List<String> forbiddenJars() {
    // The host provides slf4j; the plugin uses the JDK's HTTP client, never netty or Apache's.
    return List.of("plugin-api", "pf4j", "slf4j", "netty", "apache", "httpclient");
  }

  @Test
  void shouldStoreAndReadThroughTheLoadedPlugin() throws Exception {
    DataConnectorFactory factory = startedExtension();

    Map<String, String> config = server.config("plugin-it");
    config.put("createBucket", "true");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Like the host's: a loader that sees neither the plugin nor the AWS SDK.
    try (URLClassLoader hostLike =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(hostLike);
      try (DataConnector connector =
          factory.create(
              ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
        assertThat(connector.checkConnection().ok()).isTrue();
        byte[] data = "hello from PF4J".getBytes(StandardCharsets.UTF_8);

        connector.put(
            "dir/hello world+.txt", new ByteArrayInputStream(data), data.length, "text/plain");

        try (StoredObject object = connector.get("dir/hello world+.txt", ByteRange.of(6, 9))) {
          assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
              .isEqualTo("from");
          assertThat(object.info().contentType()).isEqualTo("text/plain");
        }
        assertThat(connector.list("dir/", 10))
            .extracting(ObjectInfo::key)
            .containsExactly("dir/hello world+.txt");
        URI url = connector.presignedGet("dir/hello world+.txt", Duration.ofMinutes(1));
        HttpResponse<byte[]> response =
            HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(data);
        assertThat(connector.delete("dir/hello world+.txt")).isTrue();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
