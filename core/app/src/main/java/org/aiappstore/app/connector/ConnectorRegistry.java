package org.aiappstore.app.connector;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Live connectors created from stored instances, cached per instance version: a changed instance
 * gets a fresh connector (and a fresh circuit), the old one is closed.
 */
@ApplicationScoped
public class ConnectorRegistry {

  private record Live(long version, DataConnector connector) {}

  @Inject ConnectorInstanceStore store;
  @Inject ConnectorCatalog catalog;
  @Inject GuardedCalls calls;

  private final Map<String, Live> live = new ConcurrentHashMap<>();

  /**
   * The guarded data connector of an instance; 404 if unknown, 503 if its plugin is not started.
   */
  public DataConnector dataConnector(String instanceId) {
    ConnectorInstance instance =
        store
            .find(instanceId)
            .orElseThrow(
                () -> PlatformException.notFound("No connector instance '" + instanceId + "'."));
    Live current = live.get(instanceId);
    if (current != null && current.version() == instance.version()) {
      return current.connector();
    }
    Live created = new Live(instance.version(), create(instance));
    Live previous = live.put(instanceId, created);
    if (previous != null) {
      previous.connector().close();
      calls.reset(instanceId);
    }
    return created.connector();
  }

  /**
   * Creates an unguarded-by-cache connector for a config that is not stored yet (test before save).
   */
  DataConnector create(ConnectorInstance instance) {
    ConnectorCatalog.Entry entry = dataFactory(instance.factoryId());
    DataConnectorFactory factory = (DataConnectorFactory) entry.factory();
    DataConnector connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), instance.config()),
            ConnectorContext.defaults());
    return new GuardedDataConnector(instance.id(), entry.pluginId(), connector, calls);
  }

  private ConnectorCatalog.Entry dataFactory(String factoryId) {
    return catalog
        .find("data-connector", factoryId)
        .orElseThrow(
            () ->
                PlatformException.unavailable(
                    "The data connector factory '"
                        + factoryId
                        + "' is not installed or not started.",
                    null));
  }

  /** Drops the live connector of an instance, e.g. when it is deleted. */
  void evict(String instanceId) {
    Live previous = live.remove(instanceId);
    if (previous != null) {
      previous.connector().close();
    }
    calls.reset(instanceId);
  }

  @PreDestroy
  void closeAll() {
    live.values().forEach(l -> l.connector().close());
    live.clear();
  }
}
