package org.aiappstore.app.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until this server's search index has been built or caught up once after the start. A
 * new replica starts with an empty index directory (the chart keeps it per pod) and rebuilds it in
 * the background; until then searches, the catalogue and the dashboard answered empty pages, and a
 * rolling update showed every visitor no models for the time of a rebuild. An index that cannot be
 * opened at all does not hold the server back: search answers 503 and the rest works.
 */
@Readiness
@ApplicationScoped
public class SearchIndexReadinessCheck implements HealthCheck {

  @Inject SearchIndexer indexer;

  @Override
  public HealthCheckResponse call() {
    String state;
    if (indexer.index().isEmpty()) {
      state = "unavailable";
    } else {
      state = indexer.isReady() ? "ready" : "building";
    }
    // The constructor, not the builder: it needs no MicroProfile Health implementation to run.
    return new HealthCheckResponse(
        "search-index",
        state.equals("building") ? HealthCheckResponse.Status.DOWN : HealthCheckResponse.Status.UP,
        Optional.of(Map.of("state", state)));
  }
}
