package org.aiappstore.app.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorFactory;
import org.aiappstore.plugin.api.config.ConnectorConfig;

/** The connector factories that started plugins offer, by kind and id. */
@ApplicationScoped
public class ConnectorCatalog {

  /** A factory with the kind of extension point it implements and the plugin that provides it. */
  public record Entry(String kind, ConnectorFactory<?, ?> factory, String pluginId) {
    public String id() {
      return factory.descriptor().id();
    }

    /**
     * Checks settings as the factory will see them: against its schema, then by building a
     * connector and closing it, since a factory also rejects values the schema cannot express (a
     * relative path, say). Building never contacts the remote system (the SPI forbids it).
     *
     * @return the settings with defaults applied
     * @throws org.aiappstore.plugin.api.error.InvalidConfigException naming each invalid setting
     */
    public ConnectorConfig validate(Map<String, String> settings) {
      ConnectorConfig config = ConnectorConfig.of(factory.configSchema(), settings);
      factory.create(config, ConnectorContext.defaults()).close();
      return config;
    }
  }

  @Inject PluginHost host;

  public List<Entry> all() {
    List<Entry> entries = new ArrayList<>();
    for (ExtensionPoints point : ExtensionPoints.all()) {
      for (Object extension : host.extensions(point.type())) {
        entries.add(
            new Entry(
                point.label(), (ConnectorFactory<?, ?>) extension, host.pluginIdOf(extension)));
      }
    }
    return entries;
  }

  public Optional<Entry> find(String kind, String id) {
    return all().stream().filter(e -> e.kind().equals(kind) && e.id().equals(id)).findFirst();
  }

  /** Whether {@code kind} names an extension point, e.g. {@code data-connector}. */
  public static boolean isKind(String kind) {
    return ExtensionPoints.all().stream().anyMatch(p -> p.label().equals(kind));
  }
}
