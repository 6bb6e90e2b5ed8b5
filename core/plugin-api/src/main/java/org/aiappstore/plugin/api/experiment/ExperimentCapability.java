package org.aiappstore.plugin.api.experiment;

/** Optional abilities of an {@link ExperimentConnector}. */
public enum ExperimentCapability {
  /** {@link Experiment#scalars()} holds one figure per scalar metric. */
  SCALARS,
  /** {@link Experiment#plots()} holds the plots the tracker stores as Plotly JSON. */
  PLOTS,
  /** {@link Experiment#artifacts()} holds output models and stored files. */
  ARTIFACTS,
  /** {@link ExperimentConnector#dataset} and {@link ExperimentConnector#searchDatasets} work. */
  DATASETS,
  /** {@link ExperimentConnector#searchExperiments} works. */
  SEARCH,
  /** {@link ExperimentConnector#cloneExperiment} works. */
  CLONE
}
