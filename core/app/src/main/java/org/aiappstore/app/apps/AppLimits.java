package org.aiappstore.app.apps;

import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.plugin.api.deployment.Quantities;

/**
 * The maxima an administrator sets for every app, whatever a backend would allow. Each backend has
 * its own maxima too; a spec must satisfy both.
 *
 * @param maxCpu most CPU per app, a Kubernetes quantity
 * @param maxMemory most memory per app, a Kubernetes quantity
 * @param maxGpus most whole GPUs per app
 * @param maxReplicas most replicas per app
 */
public record AppLimits(String maxCpu, String maxMemory, int maxGpus, int maxReplicas) {

  public AppLimits {
    if (Quantities.problem(maxCpu).isPresent() || Quantities.problem(maxMemory).isPresent()) {
      throw new IllegalStateException(
          "The app CPU and memory maxima must be Kubernetes quantities");
    }
    if (maxGpus < 0 || maxReplicas < 1) {
      throw new IllegalStateException("The app GPU maximum must be >= 0 and replicas >= 1");
    }
  }

  static AppLimits from(AppSettings settings) {
    return new AppLimits(
        settings.value(ConfigKey.APPS_MAX_CPU),
        settings.value(ConfigKey.APPS_MAX_MEMORY),
        settings.integer(ConfigKey.APPS_MAX_GPUS),
        settings.integer(ConfigKey.APPS_MAX_REPLICAS));
  }
}
