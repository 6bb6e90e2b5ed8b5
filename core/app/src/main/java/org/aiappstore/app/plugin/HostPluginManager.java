package org.aiappstore.app.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aiappstore.plugin.api.PluginApi;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager as the host needs it: the system version is the plugin API version (so {@code
 * Plugin-Requires} is enforced), the SPI always comes from the host, and a plugin that cannot even
 * be loaded is remembered with its reason instead of vanishing into the log.
 */
class HostPluginManager extends DefaultPluginManager {

  /** Packages every plugin must share with the host, or their types would not match the host's. */
  private static final String[] HOST_PACKAGES = {"org.aiappstore.plugin.api.", "org.pf4j."};

  private final Map<Path, Throwable> loadFailures = new ConcurrentHashMap<>();

  HostPluginManager(Path pluginsDirectory) {
    super(pluginsDirectory);
    setSystemVersion(PluginApi.VERSION);
  }

  /** Stops and unloads every plugin, closing their class loaders. */
  void shutdown() {
    // Plugin by plugin over copies: PF4J's own stopPlugins() and unloadPlugins() modify the lists
    // they
    // iterate and throw ConcurrentModificationException.
    List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
    Collections.reverse(started);
    for (PluginWrapper plugin : started) {
      stopPlugin(plugin.getPluginId());
    }
    for (PluginWrapper plugin : List.copyOf(getPlugins())) {
      unloadPlugin(plugin.getPluginId());
    }
  }

  /** Plugin files that could not be loaded at all, with the reason. */
  Map<Path, Throwable> loadFailures() {
    return Map.copyOf(loadFailures);
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path pluginPath) {
    try {
      return super.loadPluginFromPath(pluginPath);
    } catch (RuntimeException | LinkageError e) {
      loadFailures.put(pluginPath, e);
      throw e;
    }
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader()
        .add(new DevelopmentPluginLoader(this), this::isDevelopment)
        .add(
            new JarPluginLoader(this) {
              @Override
              protected PluginClassLoader createPluginClassLoader(
                  Path pluginPath, PluginDescriptor descriptor) {
                return new HostFirstClassLoader(pluginManager, descriptor);
              }
            },
            this::isNotDevelopment)
        .add(
            new DefaultPluginLoader(this) {
              @Override
              protected PluginClassLoader createPluginClassLoader(
                  Path pluginPath, PluginDescriptor descriptor) {
                return new HostFirstClassLoader(pluginManager, descriptor);
              }
            },
            this::isNotDevelopment);
  }

  /** A plugin class loader that never lets a plugin bring its own copy of the SPI. */
  private static final class HostFirstClassLoader extends PluginClassLoader {

    HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor) {
      super(manager, descriptor, HostPluginManager.class.getClassLoader());
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
      for (String hostPackage : HOST_PACKAGES) {
        if (className.startsWith(hostPackage)) {
          return true;
        }
      }
      return super.shouldDelegateToParent(className);
    }
  }
}
