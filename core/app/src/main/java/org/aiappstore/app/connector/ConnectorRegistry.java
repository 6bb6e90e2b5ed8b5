package org.aiappstore.app.connector;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;

/**
 * Live connectors created from stored instances. A connector is rebuilt only when what it is built
 * from changes (its factory or settings): a new display name, or a rewrite of the same predefined
 * instance at a replica's start, keeps the live connector and its circuit.
 *
 * <p>A replaced or deleted connector is retired, not closed: it is closed once its calls and open
 * streams are done (see {@link InFlight}), or after {@link #RETIRED_FOR} at the latest, so a change
 * never cuts off a deploy, an upload or a followed log. One connector per instance even when
 * threads ask at once (a request and the app reconciler, say), and a request that read the instance
 * before a change never replaces the newer connector.
 */
@ApplicationScoped
public class ConnectorRegistry {

  /** How long a retired connector still in use is kept open at most. */
  static final Duration RETIRED_FOR = Duration.ofMinutes(10);

  /** A connector, what it was built from and its uses in flight. */
  private record Live(ConnectorInstance builtFrom, Connector connector, InFlight inFlight) {

    /** Whether this connector serves {@code instance}: built the same way, or a later version. */
    boolean serves(ConnectorInstance instance) {
      return builtFrom.buildsSameConnectorAs(instance)
          || (builtFrom.createdAt().equals(instance.createdAt())
              && builtFrom.version() >= instance.version());
    }
  }

  @Inject ConnectorInstanceStore store;
  @Inject ConnectorCatalog catalog;
  @Inject GuardedCalls calls;

  /** Runs the close of a retired connector; tests close on the calling thread. */
  Executor closer = command -> retirements().execute(command);

  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private ScheduledExecutorService retirements;

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
    Optional<ConnectorInstance> stored = store.find(instanceId);
    if (stored.isEmpty()) {
      // Deleted, perhaps through another replica: this one's connector goes too.
      evict(instanceId);
      throw notFound(instanceId);
    }
    ConnectorInstance instance = stored.get();
    Live current = live.get(instanceId);
    if (current != null && current.serves(instance)) {
      return current.connector();
    }
    AtomicReference<Live> replaced = new AtomicReference<>();
    AtomicReference<Live> created = new AtomicReference<>();
    Live chosen =
        live.compute(
            instanceId,
            (id, existing) -> {
              if (existing != null && existing.serves(instance)) {
                return existing; // another thread was first
              }
              replaced.set(existing);
              created.set(create(instance));
              return created.get();
            });
    Live previous = replaced.get();
    if (previous != null) {
      retire(previous);
      calls.reset(instanceId);
    }
    if (created.get() == chosen && store.find(instanceId).isEmpty()) {
      // Deleted while this one was being built: evict() may have run before it was put.
      if (live.remove(instanceId, chosen)) {
        retire(chosen);
      }
      throw notFound(instanceId);
    }
    return chosen.connector();
  }

  private static PlatformException notFound(String instanceId) {
    return PlatformException.notFound("No connector instance '" + instanceId + "'.");
  }

  /** A new guarded connector for an instance, of the family its kind names. */
  private Live create(ConnectorInstance instance) {
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
    Connector connector = build(instance, entry);
    InFlight inFlight = new InFlight(instance.id(), connector, closer);
    return new Live(
        instance, guard(instance.id(), entry.pluginId(), connector, inFlight), inFlight);
  }

  /** The plugin's connector; 503 when its stored settings no longer satisfy the factory. */
  private static Connector build(ConnectorInstance instance, ConnectorCatalog.Entry entry) {
    try {
      return entry
          .factory()
          .create(
              ConnectorConfig.of(entry.factory().configSchema(), instance.config()),
              ConnectorContext.defaults());
    } catch (InvalidConfigException e) {
      throw new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "The connector '"
              + instance.id()
              + "' is misconfigured; an administrator must correct its settings. "
              + e.getMessage(),
          e,
          false);
    }
  }

  private Connector guard(
      String instanceId, String pluginId, Connector connector, InFlight inFlight) {
    if (connector instanceof DataConnector data) {
      return new GuardedDataConnector(instanceId, pluginId, data, calls, inFlight);
    }
    if (connector instanceof ExperimentConnector experiments) {
      return new GuardedExperimentConnector(instanceId, pluginId, experiments, calls, inFlight);
    }
    if (connector instanceof DeploymentBackend backend) {
      return new GuardedDeploymentBackend(instanceId, pluginId, backend, calls, inFlight);
    }
    return new GuardedConnector(instanceId, pluginId, connector, calls, inFlight);
  }

  /** Closes a connector once it is no longer used, or after {@link #RETIRED_FOR} regardless. */
  private void retire(Live previous) {
    if (previous.inFlight().retire()) {
      return;
    }
    retirements()
        .schedule(previous.inFlight()::closeNow, RETIRED_FOR.toSeconds(), TimeUnit.SECONDS);
  }

  private synchronized ScheduledExecutorService retirements() {
    if (retirements == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "connector-retirements");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      retirements = executor;
    }
    return retirements;
  }

  private static final Map<Class<?>, String> KINDS =
      Map.of(
          DataConnector.class,
          "data connector",
          ExperimentConnector.class,
          "experiment connector",
          DeploymentBackend.class,
          "deployment backend");

  /** Drops the live connector of an instance, e.g. when it is deleted; closed once unused. */
  void evict(String instanceId) {
    Live previous = live.remove(instanceId);
    if (previous != null) {
      retire(previous);
    }
    calls.reset(instanceId);
  }

  @PreDestroy
  synchronized void closeAll() {
    live.values().forEach(l -> l.inFlight().closeNow());
    live.clear();
    if (retirements != null) {
      retirements.shutdownNow();
    }
  }
}
