package org.aiappstore.plugin.api.experiment;

/** The state of an experiment, normalized across trackers. */
public enum ExperimentStatus {
  /** Created or drafted, never started. */
  CREATED,
  /** Waiting in a queue or scheduled. */
  QUEUED,
  /** Running now. */
  RUNNING,
  /** Finished successfully. */
  COMPLETED,
  /** Finished with an error. */
  FAILED,
  /** Stopped or killed before it finished. */
  STOPPED,
  /** Finished and published (frozen) in the tracker. */
  PUBLISHED,
  /** A state this platform does not know. */
  UNKNOWN
}
