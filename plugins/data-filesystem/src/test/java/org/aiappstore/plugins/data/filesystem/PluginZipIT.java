package org.aiappstore.plugins.data.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.PluginApi;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/** Loads the packaged plugin zip the way the host does: PF4J over a plugins directory. */
class PluginZipIT {

  private static final String PLUGIN_ID = System.getProperty("plugin.id", "data-filesystem");

  @TempDir Path pluginsDir;

  private Path zip;
  private PluginManager manager;

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
    // One by one (unloading stops the plugin first): stopPlugins() and unloadPlugins() of PF4J 3.15
    // fail with a ConcurrentModificationException.
    for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
      manager.unloadPlugin(plugin.getPluginId());
    }
  }

  @Test
  void shouldHaveTheDescriptorAtTheRootAndJarsInLib() throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<String> names = file.stream().map(e -> e.getName()).toList();

      assertThat(names).contains("plugin.properties");
      assertThat(names).anyMatch(n -> n.matches("lib/data-filesystem-.*\\.jar"));
      assertThat(names)
          .as("plugin-api and pf4j come from the host")
          .noneMatch(n -> n.contains("plugin-api") || n.contains("pf4j"));
    }
  }

  @Test
  void shouldLoadTheZipAndFindTheDataConnectorFactory() {
    manager.loadPlugins();
    manager.startPlugins();

    PluginWrapper plugin = manager.getPlugin(PLUGIN_ID);
    assertThat(plugin).as("plugin %s loaded from %s", PLUGIN_ID, zip).isNotNull();
    assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
    assertThat(plugin.getDescriptor().getRequires()).isEqualTo(">=1.0.0 & <2.0.0");

    List<DataConnectorFactory> factories =
        manager.getExtensions(DataConnectorFactory.class, PLUGIN_ID);
    assertThat(factories)
        .singleElement()
        .satisfies(f -> assertThat(f.descriptor().id()).isEqualTo("filesystem"));
    assertThat(factories.get(0).getClass().getClassLoader())
        .as("loaded from the zip, not from the test classpath")
        .isInstanceOf(PluginClassLoader.class);
  }

  @Test
  void shouldStoreAnObjectThroughTheLoadedPlugin() throws Exception {
    manager.loadPlugins();
    manager.startPlugins();
    DataConnectorFactory factory =
        manager.getExtensions(DataConnectorFactory.class, PLUGIN_ID).get(0);
    Path store = pluginsDir.resolve("store");

    try (DataConnector connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), Map.of("baseDirectory", store.toString())),
            ConnectorContext.defaults())) {
      connector.put(
          "hello.txt", new java.io.ByteArrayInputStream("hi".getBytes()), 2, "text/plain");
      try (StoredObject object = connector.get("hello.txt", ByteRange.all())) {
        assertThat(object.stream().readAllBytes()).isEqualTo("hi".getBytes());
      }
    }
  }

  @Test
  void shouldRefuseThePluginOnAnIncompatibleHost() {
    manager.setSystemVersion("2.0.0");

    manager.loadPlugins();
    manager.startPlugins();

    PluginWrapper plugin = manager.getPlugin(PLUGIN_ID);
    assertThat(plugin).isNotNull();
    assertThat(plugin.getPluginState()).isNotEqualTo(PluginState.STARTED);
    assertThat(manager.getExtensions(DataConnectorFactory.class, PLUGIN_ID)).isEmpty();
  }
}
