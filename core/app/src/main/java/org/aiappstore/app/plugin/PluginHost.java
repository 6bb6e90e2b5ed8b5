package org.aiappstore.app.plugin;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.plugin.api.PluginApi;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads and starts the plugins found in the configured directory. No plugin can stop the server:
 * one that is incompatible is DISABLED, one that fails to load, to resolve its dependencies or to
 * start is FAILED, each with its reason.
 */
@ApplicationScoped
public class PluginHost {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  @Inject AppSettings settings;

  private HostPluginManager manager;

  void onStartup(@Observes Startup startup) {
    manager();
  }

  /** Loads plugins on first use; the startup observer makes that first use happen at boot. */
  synchronized HostPluginManager manager() {
    if (manager == null) {
      manager = start(settings.pluginsDir());
    }
    return manager;
  }

  static HostPluginManager start(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the plugins directory " + directory, e);
    }
    HostPluginManager pluginManager = new HostPluginManager(directory);
    try {
      pluginManager.loadPlugins();
      pluginManager.startPlugins();
    } catch (RuntimeException e) {
      // A dependency cycle, say: the plugins not started are listed with this reason.
      LOG.log(Level.SEVERE, "Plugins could not all be loaded and started.", e);
      pluginManager.recordHostFailure(rootMessage(e));
    }
    for (PluginView plugin : describe(pluginManager)) {
      Level level = "STARTED".equals(plugin.state()) ? Level.INFO : Level.WARNING;
      LOG.log(
          level,
          () ->
              "Plugin "
                  + plugin.id()
                  + (plugin.version() == null ? "" : " " + plugin.version())
                  + ": "
                  + plugin.state()
                  + (plugin.reason() == null ? "" : " (" + plugin.reason() + ")"));
    }
    return pluginManager;
  }

  /** Every plugin found, started or not, sorted by id. */
  public List<PluginView> plugins() {
    return describe(manager());
  }

  /** The started extensions of one extension point. */
  public <T> List<T> extensions(Class<T> extensionPoint) {
    return manager().getExtensions(extensionPoint);
  }

  /**
   * The id of the plugin an extension comes from; {@code system} for one on the app's class path.
   */
  public String pluginIdOf(Object extension) {
    PluginWrapper plugin = manager().whichPlugin(extension.getClass());
    return plugin == null ? "system" : plugin.getPluginId();
  }

  /** Whether a plugin with this id is loaded and started. */
  public boolean isStarted(String pluginId) {
    PluginWrapper plugin = manager().getPlugin(pluginId);
    return plugin != null && plugin.getPluginState() == PluginState.STARTED;
  }

  static List<PluginView> describe(HostPluginManager pluginManager) {
    List<PluginView> views = new ArrayList<>();
    for (PluginWrapper plugin : pluginManager.getPlugins()) {
      views.add(describe(pluginManager, plugin));
    }
    for (HostPluginManager.Unresolved plugin : pluginManager.unresolved().values()) {
      var descriptor = plugin.descriptor();
      views.add(
          new PluginView(
              descriptor.getPluginId(),
              descriptor.getVersion(),
              PluginState.FAILED.toString(),
              plugin.reason(),
              emptyToNull(descriptor.getPluginDescription()),
              emptyToNull(descriptor.getProvider()),
              emptyToNull(descriptor.getRequires()),
              List.of()));
    }
    for (Map.Entry<Path, Throwable> failure : pluginManager.loadFailures().entrySet()) {
      String file = failure.getKey().getFileName().toString();
      views.add(
          new PluginView(
              file,
              null,
              PluginState.FAILED.toString(),
              "Cannot be loaded: " + rootMessage(failure.getValue()),
              null,
              null,
              null,
              List.of()));
    }
    views.sort(Comparator.comparing(PluginView::id));
    return views;
  }

  private static PluginView describe(HostPluginManager pluginManager, PluginWrapper plugin) {
    var descriptor = plugin.getDescriptor();
    List<PluginView.ExtensionView> extensions = new ArrayList<>();
    if (plugin.getPluginState() == PluginState.STARTED) {
      for (ExtensionPoints point : ExtensionPoints.all()) {
        for (Class<?> extension :
            pluginManager.getExtensionClasses(point.type(), plugin.getPluginId())) {
          extensions.add(new PluginView.ExtensionView(point.label(), extension.getName()));
        }
      }
    }
    return new PluginView(
        plugin.getPluginId(),
        descriptor.getVersion(),
        plugin.getPluginState().toString(),
        reason(pluginManager, plugin),
        emptyToNull(descriptor.getPluginDescription()),
        emptyToNull(descriptor.getProvider()),
        emptyToNull(descriptor.getRequires()),
        List.copyOf(extensions));
  }

  private static String reason(HostPluginManager pluginManager, PluginWrapper plugin) {
    PluginState state = plugin.getPluginState();
    if (state == PluginState.STARTED) {
      return null;
    }
    if (state == PluginState.FAILED && plugin.getFailedException() != null) {
      return "Failed to start: " + rootMessage(plugin.getFailedException());
    }
    String requires = plugin.getDescriptor().getRequires();
    if (state == PluginState.DISABLED
        && !pluginManager.getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
      return "Requires plugin API " + requires + " but this server provides " + PluginApi.VERSION;
    }
    if (state == PluginState.DISABLED) {
      return "Disabled by configuration";
    }
    if (pluginManager.hostFailure() != null) {
      return "Not started: " + pluginManager.hostFailure();
    }
    return "Not started (state " + state + ")";
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @PreDestroy
  synchronized void stop() {
    if (manager != null) {
      manager.shutdown();
    }
  }
}
