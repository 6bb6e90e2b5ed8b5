package org.aiappstore.plugin.api.deployment;

/** Optional abilities of a {@link DeploymentBackend}. */
public enum DeploymentCapability {
  /** Idle apps scale down to zero instances. */
  SCALE_TO_ZERO,
  /** Apps can request GPUs. */
  GPU,
  /** App logs can be read. */
  LOGS,
  /** Apps are routed by a path prefix on a shared host. */
  PATH_PREFIX_ROUTING
}
