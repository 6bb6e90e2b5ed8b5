package org.aiappstore.plugin.tck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.aiappstore.plugin.api.PluginApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads a plugin's packaged zip the way the host does: PF4J over a plugins directory, with the
 * plugin API version as the system version. Run it after {@code package} (a failsafe {@code *IT});
 * the plugin parent passes the zip and the plugin id as the system properties {@code plugin.zip}
 * and {@code plugin.id}.
 *
 * @param <T> the extension point the plugin contributes
 */
public abstract class PluginZipContract<T> {

  /** The version range the plugin parent writes into {@code Plugin-Requires}. */
  protected static final String REQUIRES = ">=1.0.0 & <2.0.0";

  @TempDir protected Path pluginsDir;

  private Path zip;
  private PluginManager manager;

  /** The extension point whose extension the plugin must contribute. */
  protected abstract Class<T> extensionPoint();

  /** Whether this is the plugin's extension, e.g. by its descriptor id. */
  protected abstract boolean isExpectedExtension(T extension);

  /** Name fragments of jars that must never be bundled (the host provides them). */
  protected List<String> forbiddenJars() {
    return List.of("plugin-api", "pf4j");
  }

  protected static String pluginId() {
    return System.getProperty("plugin.id");
  }

  @BeforeEach
  void installZip() throws Exception {
    Path built = Path.of(System.getProperty("plugin.zip", "target/missing.zip"));
    assertThat(built).as("zip built by the package phase").isRegularFile();
    assertThat(pluginId()).as("system property plugin.id").isNotBlank();
    zip = Files.copy(built, pluginsDir.resolve(built.getFileName()));
    manager = new DefaultPluginManager(pluginsDir);
    manager.setSystemVersion(PluginApi.VERSION);
  }

  @AfterEach
  void unloadPlugins() {
    // One by one over a copy (unloading stops the plugin first): PF4J 3.15's stopPlugins() and
    // unloadPlugins() modify the list they iterate.
    for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
      manager.unloadPlugin(plugin.getPluginId());
    }
  }

  /** Loads and starts the plugins directory, and returns the plugin's started extension. */
  protected T startedExtension() {
    manager.loadPlugins();
    manager.startPlugins();
    PluginWrapper plugin = manager.getPlugin(pluginId());
    assertThat(plugin).as("plugin %s loaded from %s", pluginId(), zip).isNotNull();
    assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
    List<T> extensions = manager.getExtensions(extensionPoint(), pluginId());
    assertThat(extensions)
        .singleElement()
        .satisfies(e -> assertThat(isExpectedExtension(e)).isTrue());
    return extensions.get(0);
  }

  @Test
  void shouldHaveTheDescriptorAtTheRootAndJarsInLib() throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();

      assertThat(names).contains("plugin.properties");
      assertThat(names)
          .anyMatch(n -> n.startsWith("lib/" + pluginId() + "-") && n.endsWith(".jar"));
      for (String forbidden : forbiddenJars()) {
        assertThat(names)
            .as("bundled jars")
            .noneMatch(n -> n.startsWith("lib/") && n.contains(forbidden));
      }
    }
  }

  @Test
  void shouldStartFromTheZipWithItsOwnClassLoader() {
    T extension = startedExtension();

    assertThat(manager.getPlugin(pluginId()).getDescriptor().getRequires()).isEqualTo(REQUIRES);
    assertThat(extension.getClass().getClassLoader())
        .as("loaded from the zip, not from the test class path")
        .isInstanceOf(PluginClassLoader.class);
  }

  @Test
  void shouldBeRefusedByAnIncompatibleHost() {
    manager.setSystemVersion("2.0.0");

    manager.loadPlugins();
    manager.startPlugins();

    PluginWrapper plugin = manager.getPlugin(pluginId());
    assertThat(plugin).isNotNull();
    assertThat(plugin.getPluginState()).isNotEqualTo(PluginState.STARTED);
    assertThat(manager.getExtensions(extensionPoint(), pluginId())).isEmpty();
  }
}
