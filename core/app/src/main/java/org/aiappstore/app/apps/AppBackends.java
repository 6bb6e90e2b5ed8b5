package org.aiappstore.app.apps;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;

/** The deployment backends apps can run on: the configured {@code deployment-backend} instances. */
public interface AppBackends {

  /** The connector kind of deployment backends. */
  String KIND = "deployment-backend";

  /** The ids of every configured deployment-backend instance. */
  List<String> ids();

  /** What a backend declares; empty if there is no such deployment-backend instance. */
  Optional<Set<DeploymentCapability>> capabilities(String backendId);

  /** The name an administrator gave the backend, for people choosing one. */
  default String displayName(String backendId) {
    return backendId;
  }

  /** The plugin factory that makes the backend, e.g. {@code emissary}; empty if unknown. */
  default Optional<String> factoryId(String backendId) {
    return Optional.empty();
  }

  /**
   * The stored version of the backend's instance, which grows with every change an administrator
   * saves (a connector is rebuilt only when its settings change); 0 if unknown.
   */
  default long version(String backendId) {
    return 0;
  }

  /** The guarded backend of an instance; 404 if unknown, 503 if its plugin is not started. */
  DeploymentBackend backend(String backendId);
}
