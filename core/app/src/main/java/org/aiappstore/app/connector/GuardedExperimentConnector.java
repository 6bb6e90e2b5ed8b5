package org.aiappstore.app.connector;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;

/**
 * An experiment connector whose every call has a deadline and goes through the instance's circuit
 * breaker. The deadline is longer than a plugin's own request timeout on purpose: reading one
 * experiment takes several tracker requests, and a tracker that is merely slow should surface as
 * the plugin's 504, not as the host cutting it off.
 */
final class GuardedExperimentConnector extends GuardedConnector implements ExperimentConnector {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(45);

  private final ExperimentConnector delegate;

  GuardedExperimentConnector(
      String instanceId,
      String pluginId,
      ExperimentConnector delegate,
      GuardedCalls calls,
      InFlight inFlight) {
    super(instanceId, pluginId, delegate, calls, inFlight);
    this.delegate = delegate;
  }

  private <T> T call(Callable<T> work) {
    return guarded(CALL_TIMEOUT, work);
  }

  @Override
  public Experiment experiment(String id) {
    return call(() -> delegate.experiment(id));
  }

  @Override
  public ResultPage<ExperimentSummary> searchExperiments(SearchCriteria criteria) {
    return call(() -> delegate.searchExperiments(criteria));
  }

  @Override
  public Dataset dataset(String id) {
    return call(() -> delegate.dataset(id));
  }

  @Override
  public ResultPage<Dataset> searchDatasets(SearchCriteria criteria) {
    return call(() -> delegate.searchDatasets(criteria));
  }

  @Override
  public String cloneExperiment(String id, String newName) {
    return call(() -> delegate.cloneExperiment(id, newName));
  }
}
