package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.packaging.PluginZipContract;
import org.junit.jupiter.api.Test;

/**
 * The packaging contract of the plugin TCK on the built zip: descriptor at the root, jars in lib/
 * without plugin-api or pf4j, started by PF4J with the host's plugin API version, refused by an
 * incompatible one. Then the connector is used from the loaded plugin.
 */
class PluginZipIT extends PluginZipContract<DataConnectorFactory> {

  @Override
  protected Class<DataConnectorFactory> extensionPoint() {
    return DataConnectorFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(DataConnectorFactory factory) {
    return factory.descriptor().id().equals("${connectorId}");
  }

  @Test
  void shouldStoreAnObjectThroughTheLoadedPlugin() throws Exception {
    DataConnectorFactory factory = startedExtension();
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    Map<String, String> config = Map.of("directory", pluginsDir.resolve("store").toString());

    try (DataConnector connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
      connector.put("hello.txt", new ByteArrayInputStream(data), data.length, "text/plain");
      try (StoredObject object = connector.get("hello.txt", ByteRange.all())) {
        assertThat(object.stream().readAllBytes()).isEqualTo(data);
      }
    }
  }
}
