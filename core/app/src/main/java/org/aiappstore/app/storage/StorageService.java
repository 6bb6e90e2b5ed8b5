package org.aiappstore.app.storage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.plugin.PluginHost;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * The active data connector, where media and bundles are stored. Its factory is chosen by {@code
 * aiappstore.storage.connector}; each schema property {@code p} is read from {@code
 * aiappstore.storage.<connector>.<p>}. The filesystem connector defaults to {@code <data
 * dir>/objects}.
 */
@ApplicationScoped
public class StorageService {

  @Inject AppSettings settings;
  @Inject PluginHost plugins;
  @Inject org.eclipse.microprofile.config.Config config;

  private DataConnector active;

  /** The active connector, created on first use; 503 while its plugin is not available. */
  public synchronized DataConnector active() {
    if (active == null) {
      active = create();
    }
    return active;
  }

  public String activeConnectorId() {
    return settings.value(ConfigKey.STORAGE_CONNECTOR);
  }

  private DataConnector create() {
    String id = activeConnectorId();
    DataConnectorFactory factory =
        factory(id)
            .orElseThrow(
                () ->
                    PlatformException.unavailable(
                        "The data connector '" + id + "' is not installed or not started.", null));
    Map<String, String> values = new HashMap<>();
    for (ConfigProperty property : factory.configSchema().properties()) {
      config
          .getOptionalValue("aiappstore.storage." + id + "." + property.name(), String.class)
          .ifPresent(value -> values.put(property.name(), value));
    }
    if ("filesystem".equals(id)) {
      values.putIfAbsent("baseDirectory", settings.filesystemStorageDir().toString());
    }
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), values), ConnectorContext.defaults());
  }

  private Optional<DataConnectorFactory> factory(String id) {
    return plugins.extensions(DataConnectorFactory.class).stream()
        .filter(f -> f.descriptor().id().equals(id))
        .findFirst();
  }

  @PreDestroy
  synchronized void close() {
    if (active != null) {
      active.close();
    }
  }
}
