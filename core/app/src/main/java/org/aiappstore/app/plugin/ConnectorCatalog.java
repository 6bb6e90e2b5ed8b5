package org.aiappstore.app.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiappstore.plugin.api.ConnectorFactory;

/** The connector factories that started plugins offer, by kind and id. */
@ApplicationScoped
public class ConnectorCatalog {

  /** A factory with the kind of extension point it implements and the plugin that provides it. */
  public record Entry(String kind, ConnectorFactory<?, ?> factory, String pluginId) {
    public String id() {
      return factory.descriptor().id();
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
