package org.aiappstore.app.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Calls, errors and latency of every connector instance, tagged with the instance and its plugin,
 * in the application scope of {@code /metrics} (e.g. {@code
 * connector_calls_total{connector="minio", plugin="data-s3"}}).
 */
@ApplicationScoped
public class MetricsCallRecorder implements CallRecorder {

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Override
  public void record(String connectorId, String pluginId, long nanos, boolean failed) {
    Tag[] tags = {new Tag("connector", connectorId), new Tag("plugin", pluginId)};
    registry.counter("connector.calls", tags).inc();
    if (failed) {
      registry.counter("connector.errors", tags).inc();
    }
    registry.timer("connector.latency", tags).update(Duration.ofNanos(nanos));
  }
}
