package org.aiappstore.app.connector;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;

/**
 * Live connectors created from stored instances, cached per instance version: a changed instance
 * gets a fresh connector (and a fresh circuit), the old one is closed.
 *
 * <p>One connector per version even when threads ask at once (a request and the app reconciler,
 * say): two racing creations used to close each other's connector while it was in use, and a
 * request that read the instance before a change never replaces the newer connector.
 */
@ApplicationScoped
public class ConnectorRegistry {

  /** A connector and the stored instance (creation time and version) it was made from. */
  private record Live(Instant createdAt, long version, Connector connector) {

    Live(ConnectorInstance instance, Connector connector) {
      this(instance.createdAt(), instance.version(), connector);
    }

    /** Whether this connector serves {@code instance}: the same one, or a later version of it. */
    boolean serves(ConnectorInstance instance) {
      return createdAt.equals(instance.createdAt()) && version >= instance.version();
    }
  }

  @Inject ConnectorInstanceStore store;
  @Inject ConnectorCatalog catalog;
  @Inject GuardedCalls calls;

  private final Map<String, Live> live = new ConcurrentHashMap<>();

  /**
   * The guarded data connector of an instance; 404 if unknown or of another kind, 503 if its plugin
   * is not started.
   */
  public DataConnector dataConnector(String instanceId) {
    return typed(instanceId, DataConnector.class);
  }

  /** The guarded experiment connector of an instance; 404 if unknown or of another kind. */
  public ExperimentConnector experimentConnector(String instanceId) {
    return typed(instanceId, ExperimentConnector.class);
  }

  /** The guarded deployment backend of an instance; 404 if unknown or of another kind. */
  public DeploymentBackend deploymentBackend(String instanceId) {
    return typed(instanceId, DeploymentBackend.class);
  }

  /** Tests any instance's connection; a check never throws. */
  public ConnectionCheck check(String instanceId) {
    return connector(instanceId).checkConnection();
  }

  private <T extends Connector> T typed(String instanceId, Class<T> type) {
    Connector connector = connector(instanceId);
    if (!type.isInstance(connector)) {
      throw PlatformException.notFound(
          "The connector instance '" + instanceId + "' is not a " + KINDS.get(type) + ".");
    }
    return type.cast(connector);
  }

  private Connector connector(String instanceId) {
    ConnectorInstance instance =
        store
            .find(instanceId)
            .orElseThrow(
                () -> PlatformException.notFound("No connector instance '" + instanceId + "'."));
    Live current = live.get(instanceId);
    if (current != null && current.serves(instance)) {
      return current.connector();
    }
    AtomicReference<Live> replaced = new AtomicReference<>();
    Live chosen =
        live.compute(
            instanceId,
            (id, existing) -> {
              if (existing != null && existing.serves(instance)) {
                return existing; // another thread was first
              }
              replaced.set(existing);
              return new Live(instance, create(instance));
            });
    // Closed outside the map's lock: closing may wait for the connector's threads.
    Live previous = replaced.get();
    if (previous != null) {
      previous.connector().close();
      calls.reset(instanceId);
    }
    return chosen.connector();
  }

  /** A new guarded connector for an instance, of the family its kind names. */
  Connector create(ConnectorInstance instance) {
    ConnectorCatalog.Entry entry =
        catalog
            .find(instance.kind(), instance.factoryId())
            .orElseThrow(
                () ->
                    PlatformException.unavailable(
                        "The "
                            + instance.kind()
                            + " factory '"
                            + instance.factoryId()
                            + "' is not installed or not started.",
                        null));
    Connector connector =
        entry
            .factory()
            .create(
                ConnectorConfig.of(entry.factory().configSchema(), instance.config()),
                ConnectorContext.defaults());
    if (connector instanceof DataConnector data) {
      return new GuardedDataConnector(instance.id(), entry.pluginId(), data, calls);
    }
    if (connector instanceof ExperimentConnector experiments) {
      return new GuardedExperimentConnector(instance.id(), entry.pluginId(), experiments, calls);
    }
    if (connector instanceof DeploymentBackend backend) {
      return new GuardedDeploymentBackend(instance.id(), entry.pluginId(), backend, calls);
    }
    return new GuardedConnector(instance.id(), entry.pluginId(), connector, calls);
  }

  private static final Map<Class<?>, String> KINDS =
      Map.of(
          DataConnector.class,
          "data connector",
          ExperimentConnector.class,
          "experiment connector",
          DeploymentBackend.class,
          "deployment backend");

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
