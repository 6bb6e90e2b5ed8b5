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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.PluginApi;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads the packaged plugin zip the way the host does (PF4J over a plugins directory) and uses the
 * connector against S3Proxy, with a thread context class loader that cannot see the AWS SDK, as in
 * the host.
 */
class S3PluginZipIT {

  private static final String PLUGIN_ID = System.getProperty("plugin.id", "data-s3");

  @TempDir static Path serverDirectory;

  private static S3ProxyServer server;

  @TempDir Path pluginsDir;

  private Path zip;
  private PluginManager manager;

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

  @BeforeEach
  void installZip() throws Exception {
    Path built = Path.of(System.getProperty("plugin.zip", "target/missing.zip"));
    assertThat(built).as("zip built by the package phase").isRegularFile();
    zip = Files.copy(built, pluginsDir.resolve(built.getFileName()));
    manager = new DefaultPluginManager(pluginsDir);
    manager.setSystemVersion(PluginApi.VERSION);
  }

  @AfterEach
  void unloadPlugins() {
    for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
      manager.unloadPlugin(plugin.getPluginId());
    }
  }

  @Test
  void shouldBundleTheSdkButNeitherTheHostNorOtherHttpClients() throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<String> names = file.stream().map(e -> e.getName()).toList();

      assertThat(names).contains("plugin.properties");
      assertThat(names).anyMatch(n -> n.matches("lib/data-s3-.*\\.jar"));
      assertThat(names).anyMatch(n -> n.matches("lib/s3-2\\..*\\.jar"));
      assertThat(names).anyMatch(n -> n.matches("lib/url-connection-client-.*\\.jar"));
      assertThat(names)
          .noneMatch(
              n ->
                  n.contains("plugin-api")
                      || n.contains("pf4j")
                      || n.contains("slf4j")
                      || n.contains("netty")
                      || n.contains("apache")
                      || n.contains("httpclient"));
    }
  }

  @Test
  void shouldStoreAndReadThroughTheLoadedPlugin() throws Exception {
    manager.loadPlugins();
    manager.startPlugins();
    PluginWrapper plugin = manager.getPlugin(PLUGIN_ID);
    assertThat(plugin).as("plugin %s loaded from %s", PLUGIN_ID, zip).isNotNull();
    assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
    List<DataConnectorFactory> factories =
        manager.getExtensions(DataConnectorFactory.class, PLUGIN_ID);
    assertThat(factories)
        .singleElement()
        .satisfies(f -> assertThat(f.descriptor().id()).isEqualTo("s3"));
    DataConnectorFactory factory = factories.get(0);
    assertThat(factory.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);

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
