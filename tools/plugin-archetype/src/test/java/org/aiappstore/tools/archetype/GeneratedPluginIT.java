package org.aiappstore.tools.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.packaging.PluginZipContract;
import org.junit.jupiter.api.Test;

/**
 * Drops the zip of the project generated and built by the archetype IT (projects/basic, {@code
 * verify} run in phase integration-test) into a plugins directory and loads it with PF4J, as the
 * server does: the packaging contract of the TCK, then the generated connector used from the loaded
 * plugin. The pom passes the zip and the plugin id as {@code plugin.zip} and {@code plugin.id}.
 */
class GeneratedPluginIT extends PluginZipContract<DataConnectorFactory> {

  private static final Properties ARCHETYPE = archetypeProperties();

  @Override
  protected Class<DataConnectorFactory> extensionPoint() {
    return DataConnectorFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(DataConnectorFactory factory) {
    return factory.descriptor().id().equals(ARCHETYPE.getProperty("connectorId"));
  }

  @Test
  void shouldDescribeThePluginFromTheArchetypeProperties() throws IOException {
    assertThat(pluginId()).isEqualTo(ARCHETYPE.getProperty("pluginId"));
    Properties descriptor = new Properties();
    try (ZipFile zip = new ZipFile(System.getProperty("plugin.zip"));
        InputStream in = zip.getInputStream(zip.getEntry("plugin.properties"))) {
      descriptor.load(in);
    }

    assertThat(descriptor)
        .containsEntry("plugin.id", ARCHETYPE.getProperty("pluginId"))
        .containsEntry("plugin.version", ARCHETYPE.getProperty("version"))
        .containsEntry("plugin.requires", REQUIRES)
        .containsEntry("plugin.provider", ARCHETYPE.getProperty("groupId"))
        .containsEntry("plugin.class", "");
  }

  @Test
  void shouldRoundTripAnObjectThroughTheLoadedPlugin() throws IOException {
    DataConnectorFactory factory = startedExtension();
    byte[] data = "hello from a dropped-in plugin".getBytes(StandardCharsets.UTF_8);
    ConnectorConfig config =
        ConnectorConfig.of(
            factory.configSchema(), Map.of("directory", pluginsDir.resolve("store").toString()));

    try (DataConnector connector = factory.create(config, ConnectorContext.defaults())) {
      assertThat(connector.checkConnection().ok()).isTrue();
      connector.put("greetings/hello.txt", new ByteArrayInputStream(data), data.length, null);
      try (StoredObject object = connector.get("greetings/hello.txt", ByteRange.all())) {
        assertThat(object.stream().readAllBytes()).isEqualTo(data);
      }
    }
  }

  private static Properties archetypeProperties() {
    Path file = Path.of(System.getProperty("archetype.it.dir"), "archetype.properties");
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
