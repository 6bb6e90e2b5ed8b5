package org.aiappstore.plugin.api.deployment;

/** Where an app is in its life, as a backend observes it. */
public enum AppPhase {
  /** Accepted, but nothing runs yet (no instance scheduled). */
  PENDING,
  /** Instances are starting or being replaced by a rolling update. */
  DEPLOYING,
  /** All wanted instances are ready. */
  RUNNING,
  /** No instance runs because the app is idle; the next request starts one. */
  SCALED_TO_ZERO,
  /** The app cannot run: the image cannot be pulled, the container crashes, the rollout failed. */
  FAILED,
  /** The app is being deleted. */
  DELETING,
  /** The backend cannot tell. */
  UNKNOWN
}
