package org.aiappstore.app.apps;

/**
 * Where an app is in the platform's own life cycle, as the database records it; what Kubernetes
 * reports at a moment is the backend's {@link org.aiappstore.plugin.api.deployment.AppPhase}.
 */
public enum AppState {
  /** Recorded, and being deployed now: the reconciler leaves it alone. */
  CREATING,
  /** Deployed; the backend has (or should have) its objects. */
  ACTIVE,
  /** The reconciler found none of its objects in the backend; restore re-creates them. */
  LOST,
  /** Being deleted; the record goes once the backend's objects are gone. */
  DELETING
}
