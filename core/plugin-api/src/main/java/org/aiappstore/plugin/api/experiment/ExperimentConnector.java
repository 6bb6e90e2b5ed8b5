package org.aiappstore.plugin.api.experiment;

import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A configured connection to an experiment tracker (ClearML, MLflow, ...). The operations are
 * {@code default} methods failing with {@link PlatformErrors#NOT_SUPPORTED}, so that plugins
 * written before them keep working; a connector overrides those it offers and declares the matching
 * {@link ExperimentCapability capabilities}.
 *
 * <p>Failures are {@link PlatformException}s translated where they arrive: an unknown id is {@link
 * PlatformErrors#EXPERIMENT_NOT_FOUND} or {@link PlatformErrors#DATASET_NOT_FOUND} (404); a tracker
 * that does not answer within the connector's request timeout is {@link PlatformErrors#TIMEOUT}
 * (504, retryable); an unreachable or failing tracker (refused connection, HTTP 5xx) is {@link
 * PlatformErrors#UNAVAILABLE} (503, retryable); rejected credentials are {@link
 * PlatformErrors#UNAUTHORIZED_REMOTE} (502, not retryable). Messages never contain credentials.
 */
public interface ExperimentConnector extends Connector {

  /**
   * Reads an experiment with everything the connector's capabilities allow: scalars with {@link
   * ExperimentCapability#SCALARS}, plots with {@link ExperimentCapability#PLOTS}, artifacts with
   * {@link ExperimentCapability#ARTIFACTS}; the parts of undeclared capabilities are empty.
   *
   * @param id the tracker's experiment id (ClearML task id, MLflow run id)
   * @return the experiment
   * @throws PlatformException EXPERIMENT_NOT_FOUND if the tracker has no such experiment (or the id
   *     is malformed), NOT_SUPPORTED by default
   */
  default Experiment experiment(String id) {
    throw PlatformException.notSupported("This experiment connector cannot read experiments");
  }

  /**
   * Searches experiments, newest first. Needs {@link ExperimentCapability#SEARCH}.
   *
   * @param criteria what to look for and which page
   * @return one page of results
   * @throws PlatformException NOT_SUPPORTED without {@link ExperimentCapability#SEARCH},
   *     INVALID_ARGUMENT for a cursor the connector did not issue
   */
  default ResultPage<ExperimentSummary> searchExperiments(SearchCriteria criteria) {
    throw PlatformException.notSupported("This experiment connector cannot search experiments");
  }

  /**
   * Reads a dataset version. Needs {@link ExperimentCapability#DATASETS}.
   *
   * @param id the tracker's dataset id
   * @return the dataset
   * @throws PlatformException DATASET_NOT_FOUND if the tracker has no such dataset, NOT_SUPPORTED
   *     without {@link ExperimentCapability#DATASETS}
   */
  default Dataset dataset(String id) {
    throw PlatformException.notSupported("This experiment connector does not offer datasets");
  }

  /**
   * Searches dataset versions, newest first. Needs {@link ExperimentCapability#DATASETS}.
   *
   * @param criteria what to look for and which page
   * @return one page of results
   * @throws PlatformException NOT_SUPPORTED without {@link ExperimentCapability#DATASETS},
   *     INVALID_ARGUMENT for a cursor the connector did not issue
   */
  default ResultPage<Dataset> searchDatasets(SearchCriteria criteria) {
    throw PlatformException.notSupported("This experiment connector does not offer datasets");
  }

  /**
   * Clones an experiment so that it can be run again (e.g. enqueued in the tracker). Needs {@link
   * ExperimentCapability#CLONE}.
   *
   * @param id the experiment to clone
   * @param newName the name of the copy
   * @return the id of the new experiment
   * @throws PlatformException EXPERIMENT_NOT_FOUND if the tracker has no such experiment,
   *     NOT_SUPPORTED without {@link ExperimentCapability#CLONE}
   */
  default String cloneExperiment(String id, String newName) {
    throw PlatformException.notSupported("This experiment connector cannot clone experiments");
  }
}
