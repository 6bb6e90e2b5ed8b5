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
import org.pf4j.DependencyResolver;
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
 * be loaded, or whose dependencies cannot be resolved, is remembered with its reason instead of
 * vanishing into the log. PF4J's default throws on a missing or wrong-version dependency, which
 * would stop every other plugin (and the server's startup) with it.
 */
class HostPluginManager extends DefaultPluginManager {

  /** Packages every plugin must share with the host, or their types would not match the host's. */
  private static final String[] HOST_PACKAGES = {"org.aiappstore.plugin.api.", "org.pf4j."};

  /** A plugin PF4J dropped because a plugin it depends on is missing or of the wrong version. */
  record Unresolved(PluginDescriptor descriptor, String reason) {}

  private final Map<Path, Throwable> loadFailures = new ConcurrentHashMap<>();
  private final Map<String, Unresolved> unresolved = new ConcurrentHashMap<>();
  private volatile String hostFailure;

  HostPluginManager(Path pluginsDirectory) {
    super(pluginsDirectory);
    setSystemVersion(PluginApi.VERSION);
    setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
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
      // Each one on its own: PF4J's unloading of dependents never ends on a dependency cycle.
      unloadPlugin(plugin.getPluginId(), false);
    }
  }

  /** Plugin files that could not be loaded at all, with the reason. */
  Map<Path, Throwable> loadFailures() {
    return Map.copyOf(loadFailures);
  }

  /** Plugins dropped for unresolvable dependencies, by id. */
  Map<String, Unresolved> unresolved() {
    return Map.copyOf(unresolved);
  }

  /**
   * Why loading or starting stopped for every plugin not yet started (a dependency cycle, say);
   * null if it did not.
   */
  String hostFailure() {
    return hostFailure;
  }

  void recordHostFailure(String reason) {
    hostFailure = reason;
  }

  /**
   * Drops, with its reason, each plugin that needs a missing plugin or another version of one,
   * until the rest resolves. PF4J's own recovery would drop the plugin depended on instead of the
   * one asking for the wrong version, and give no reason. A dependency cycle still throws.
   */
  @Override
  protected DependencyResolver.Result resolveDependencies() {
    DependencyResolver.Result result = dependencyResolver.resolve(descriptors());
    while (!result.isOK() && !result.hasCyclicDependency() && dropUnresolvable(result)) {
      result = dependencyResolver.resolve(descriptors());
    }
    return super.resolveDependencies();
  }

  private List<PluginDescriptor> descriptors() {
    return plugins.values().stream().map(PluginWrapper::getDescriptor).toList();
  }

  /** Whether any plugin was dropped. */
  private boolean dropUnresolvable(DependencyResolver.Result result) {
    boolean dropped = false;
    for (String missing : result.getNotFoundDependencies()) {
      for (String dependent : dependencyResolver.getDependents(missing)) {
        dropped |=
            drop(
                dependent,
                "requires plugin '" + missing + "', which is not installed or not usable");
      }
    }
    for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
      dropped |=
          drop(
              wrong.getDependentId(),
              "requires plugin '"
                  + wrong.getDependencyId()
                  + "' "
                  + wrong.getRequiredVersion()
                  + " but "
                  + wrong.getExistingVersion()
                  + " is installed");
    }
    return dropped;
  }

  private boolean drop(String pluginId, String reason) {
    PluginWrapper plugin = plugins.get(pluginId);
    if (plugin == null) {
      return false;
    }
    unresolved.put(
        pluginId, new Unresolved(plugin.getDescriptor(), "Cannot be resolved: " + reason));
    unloadPlugin(pluginId, false);
    return true;
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
