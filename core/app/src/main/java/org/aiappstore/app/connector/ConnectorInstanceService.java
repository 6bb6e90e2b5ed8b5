package org.aiappstore.app.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Creates, changes, tests and activates connector instances. Configs are validated against the
 * factory's schema and by the factory itself (unknown or invalid keys name their field), secrets
 * are masked on the way out and a masked value on the way in keeps the stored secret. An instance
 * still in use (files, bundles, apps) cannot be deleted.
 */
@ApplicationScoped
public class ConnectorInstanceService {

  /** The instance that stores media and bundles when an admin has chosen none. */
  public static final String DEFAULT_DATA_CONNECTOR = "filesystem";

  @Inject ConnectorInstanceStore store;
  @Inject ConnectorCatalog catalog;
  @Inject ConnectorRegistry registry;
  @Inject GuardedCalls calls;
  @Inject ConnectorUsage usage;

  private final Clock clock = Clock.systemUTC();

  public List<ConnectorInstanceView> list() {
    return store.findAll().stream().map(this::view).toList();
  }

  public ConnectorInstanceView get(String id) {
    return view(find(id));
  }

  public ConnectorInstanceView create(ConnectorInstanceRequest request) {
    ConnectorCatalog.Entry factory = factory(request.kind(), request.factoryId());
    Map<String, String> config =
        validated(
            factory,
            ConnectorSecrets.unmask(factory.factory().configSchema(), Map.of(), request.config()));
    Instant now = now();
    ConnectorInstance instance =
        new ConnectorInstance(
            request.id(),
            request.kind(),
            request.factoryId(),
            request.displayName().trim(),
            config,
            ConnectorInstance.Source.DATABASE,
            now,
            now,
            1);
    if (!store.insert(instance)) {
      throw new PlatformException(
          PlatformErrors.CONFLICT, "A connector instance '" + request.id() + "' already exists.");
    }
    return view(instance);
  }

  /** Changes display name and config; kind, factory and id are fixed once created. */
  public ConnectorInstanceView update(String id, ConnectorInstanceRequest request) {
    ConnectorInstance stored = editable(id);
    if (!stored.kind().equals(request.kind()) || !stored.factoryId().equals(request.factoryId())) {
      throw invalid("/factoryId", "cannot change: create a new instance for another factory");
    }
    ConnectorCatalog.Entry factory = factory(stored.kind(), stored.factoryId());
    ConfigSchema schema = factory.factory().configSchema();
    Map<String, String> config =
        validated(factory, ConnectorSecrets.unmask(schema, stored.config(), request.config()));
    ConnectorInstance changed = stored.withChanges(request.displayName().trim(), config, now());
    if (!store.replace(changed, stored.version())) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "The connector instance '" + id + "' was changed by someone else; reload and retry.");
    }
    return view(changed);
  }

  public void delete(String id) {
    ConnectorInstance stored = editable(id);
    if (stored.id().equals(activeDataConnector())) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "The connector instance '" + id + "' stores media and bundles; activate another first.");
    }
    long files = usage.mediaFiles(id);
    long bundles = usage.bundles(id);
    if (files > 0 || bundles > 0) {
      throw new ProblemException(
          409,
          "CONNECTOR_IN_USE",
          "The connector instance '"
              + id
              + "' still stores "
              + files
              + " media file(s) and "
              + bundles
              + " export or import bundle(s); they could no longer be read or deleted. Delete"
              + " them first.");
    }
    long apps = usage.apps(id);
    if (apps > 0) {
      throw new ProblemException(
          409,
          "CONNECTOR_IN_USE",
          "The connector instance '"
              + id
              + "' still runs "
              + apps
              + " app(s); they could no longer be stopped or deleted. Delete them first.");
    }
    store.delete(id);
    registry.evict(id);
  }

  /** Tests a stored instance; the result says what went wrong instead of throwing. */
  public ConnectionCheck test(String id) {
    find(id);
    try {
      return registry.check(id);
    } catch (PlatformException e) {
      return ConnectionCheck.failed(e.retryable(), e.getMessage(), 0);
    }
  }

  /** Makes a data connector instance the store for new media and bundles, if it answers. */
  public ConnectorInstanceView activate(String id) {
    ConnectorInstance instance = find(id);
    if (!"data-connector".equals(instance.kind())) {
      throw invalid("/id", "only a data connector can store media");
    }
    ConnectionCheck check = test(id);
    if (!check.ok()) {
      throw new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "Not activated: the connection test failed: " + check.detail(),
          null,
          check.retryable());
    }
    store.setActiveDataConnector(id);
    return view(instance);
  }

  public String activeDataConnector() {
    return store.activeDataConnector().orElse(DEFAULT_DATA_CONNECTOR);
  }

  /** The active data connector, guarded; 503 while it cannot be created. */
  public DataConnector activeStorage() {
    return registry.dataConnector(activeDataConnector());
  }

  private ConnectorInstance find(String id) {
    return store
        .find(id)
        .orElseThrow(() -> PlatformException.notFound("No connector instance '" + id + "'."));
  }

  private ConnectorInstance editable(String id) {
    ConnectorInstance stored = find(id);
    if (stored.source() == ConnectorInstance.Source.CONFIGURATION) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "The connector instance '"
              + id
              + "' is defined by the server configuration; change it there.");
    }
    return stored;
  }

  private ConnectorCatalog.Entry factory(String kind, String factoryId) {
    if (!ConnectorCatalog.isKind(kind)) {
      throw invalid("/kind", "unknown kind '" + kind + "'");
    }
    return catalog
        .find(kind, factoryId)
        .orElseThrow(
            () -> invalid("/factoryId", "no started " + kind + " factory '" + factoryId + "'"));
  }

  /**
   * Validates against the schema and by the factory (throws 422 naming each field), and keeps only
   * what was sent.
   */
  private static Map<String, String> validated(
      ConnectorCatalog.Entry factory, Map<String, String> config) {
    factory.validate(config);
    return config;
  }

  private ConnectorInstanceView view(ConnectorInstance instance) {
    Map<String, String> config =
        catalog
            .find(instance.kind(), instance.factoryId())
            .map(e -> ConnectorSecrets.masked(e.factory().configSchema(), instance.config()))
            // Without its plugin the schema is unknown: show no values rather than risk a secret.
            .orElse(Map.of());
    return new ConnectorInstanceView(
        instance.id(),
        instance.kind(),
        instance.factoryId(),
        instance.displayName(),
        config,
        instance.source().name(),
        instance.id().equals(activeDataConnector()),
        calls.circuitState(instance.id()),
        instance.createdAt(),
        instance.updatedAt(),
        instance.version());
  }

  private static ProblemException invalid(String pointer, String detail) {
    return ProblemException.field(422, "INVALID_ARGUMENT", pointer, detail);
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }
}
