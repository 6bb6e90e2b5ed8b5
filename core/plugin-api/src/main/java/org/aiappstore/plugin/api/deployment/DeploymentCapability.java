package org.aiappstore.plugin.api.deployment;

/** Optional abilities of a {@link DeploymentBackend}. */
public enum DeploymentCapability {
  /** Idle apps scale down to zero instances; {@link AppSpec#scaleToZero()} and scaling to 0. */
  SCALE_TO_ZERO,
  /** Apps can request whole GPUs ({@link AppResources#gpus()}). */
  GPU,
  /** App logs can be read, once or followed: {@link DeploymentBackend#logs}. */
  LOGS,
  /** Apps are routed by a path prefix on a shared host. */
  PATH_PREFIX_ROUTING,
  /** Manifests can be rendered without applying them: {@link DeploymentBackend#preview}. */
  PREVIEW,
  /** The apps in the backend's namespace can be listed: {@link DeploymentBackend#listManaged()}. */
  LIST_MANAGED
}
