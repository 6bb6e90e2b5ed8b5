package org.aiappstore.plugin.api.experiment;

/** Optional abilities of an {@link ExperimentConnector}. */
public enum ExperimentCapability {
  /** Scalar metrics over iterations. */
  SCALARS,
  /** Plots reported by experiments. */
  PLOTS,
  /** Artifacts stored with experiments. */
  ARTIFACTS,
  /** Datasets linked to experiments. */
  DATASETS,
  /** Searching experiments. */
  SEARCH,
  /** Cloning an experiment to run it again. */
  CLONE
}
