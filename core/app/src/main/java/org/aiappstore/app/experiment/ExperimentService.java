package org.aiappstore.app.experiment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aiappstore.app.connector.ConnectorInstance;
import org.aiappstore.app.connector.ConnectorInstanceStore;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.SearchCriteria;

/**
 * Experiments and datasets from the configured experiment connectors, normalized and cached. Calls
 * go through the guarded connectors: a slow or failing tracker is a 503/504 problem with {@code
 * retryable}, and credentials stay in the connector instance.
 */
@ApplicationScoped
public class ExperimentService {

  static final String KIND = "experiment-connector";

  @Inject ConnectorRegistry registry;
  @Inject ConnectorInstanceStore instances;
  @Inject ConnectorCatalog catalog;
  @Inject ExperimentCache cache;

  /**
   * @param fresh true to read the tracker even when a cached copy is still valid
   */
  public JsonObject experiment(String connectorId, String id, boolean fresh) {
    return cache.get(
        ExperimentCache.key(connectorId, "experiment", id),
        () ->
            fetched(ExperimentJson.experiment(connectorId, connector(connectorId).experiment(id))),
        fresh);
  }

  /** When the copy was read from the tracker: imported charts remember it as their fetchedAt. */
  private static JsonObject fetched(JsonObject experiment) {
    return Json.createObjectBuilder(experiment).add("fetchedAt", Instant.now().toString()).build();
  }

  public JsonObject dataset(String connectorId, String id) {
    return dataset(connectorId, id, false);
  }

  /**
   * @param fresh true to read the tracker even when a cached copy is still valid (exports)
   */
  public JsonObject dataset(String connectorId, String id, boolean fresh) {
    return cache.get(
        ExperimentCache.key(connectorId, "dataset", id),
        () -> ExperimentJson.dataset(connectorId, connector(connectorId).dataset(id)),
        fresh);
  }

  /** Searches are not cached: they are typed interactively and paged. */
  public JsonObject searchExperiments(String connectorId, SearchCriteria criteria) {
    return ExperimentJson.page(
        connector(connectorId).searchExperiments(criteria),
        s -> ExperimentJson.summary(connectorId, s));
  }

  public JsonObject searchDatasets(String connectorId, SearchCriteria criteria) {
    return ExperimentJson.page(
        connector(connectorId).searchDatasets(criteria),
        d -> ExperimentJson.dataset(connectorId, d));
  }

  public String cloneExperiment(String connectorId, String id, String newName) {
    String cloned = connector(connectorId).cloneExperiment(id, newName);
    cache.evictConnector(connectorId);
    return cloned;
  }

  /** The experiment connector instances, with what each can do, for linking cards to them. */
  public List<ConnectorSummary> connectors() {
    return instances.findAll().stream()
        .filter(i -> KIND.equals(i.kind()))
        .map(this::summary)
        .toList();
  }

  private ConnectorSummary summary(ConnectorInstance instance) {
    Optional<ConnectorCatalog.Entry> entry = catalog.find(KIND, instance.factoryId());
    List<String> capabilities =
        entry
            .map(
                e ->
                    e.factory().capabilities().stream()
                        .map(c -> c.toString().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList())
            .orElse(List.of());
    return new ConnectorSummary(
        instance.id(),
        instance.displayName(),
        instance.factoryId(),
        entry.isPresent(),
        capabilities);
  }

  private ExperimentConnector connector(String connectorId) {
    return registry.experimentConnector(connectorId);
  }

  /** An experiment connector instance as users see it: no configuration, no secrets. */
  public record ConnectorSummary(
      String id,
      String displayName,
      String factoryId,
      boolean available,
      List<String> capabilities) {}
}
