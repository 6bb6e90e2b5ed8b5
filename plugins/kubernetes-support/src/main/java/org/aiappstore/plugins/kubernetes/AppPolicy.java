package org.aiappstore.plugins.kubernetes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.InvalidAppSpecException;
import org.aiappstore.plugin.api.deployment.Quantities;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * What an administrator allows apps of one backend: maxima, defaults for unset resources, and how
 * pods are hardened.
 *
 * @param maxCpu the most CPU a container may request or be limited to
 * @param maxMemory the most memory a container may request or be limited to
 * @param maxGpus the most GPUs an app may have
 * @param maxReplicas the most replicas an app may have
 * @param defaultCpu CPU request and limit of a container that sets none
 * @param defaultMemory memory request and limit of a container that sets none
 * @param runAsUser the user id containers run as (never 0)
 * @param healthCheckPath an HTTP path to probe, or {@code null} to probe the TCP port
 * @param imagePullSecrets Secrets in the namespace to pull images with
 */
public record AppPolicy(
    String maxCpu,
    String maxMemory,
    int maxGpus,
    int maxReplicas,
    String defaultCpu,
    String defaultMemory,
    long runAsUser,
    String healthCheckPath,
    List<String> imagePullSecrets) {

  /**
   * Copies the list.
   *
   * @param maxCpu the most CPU
   * @param maxMemory the most memory
   * @param maxGpus the most GPUs
   * @param maxReplicas the most replicas
   * @param defaultCpu default CPU
   * @param defaultMemory default memory
   * @param runAsUser the user id containers run as
   * @param healthCheckPath an HTTP path to probe, or {@code null}
   * @param imagePullSecrets Secrets to pull images with
   */
  public AppPolicy {
    imagePullSecrets = List.copyOf(imagePullSecrets);
  }

  /**
   * Checks a spec against the policy and the backend's capabilities.
   *
   * @param spec the app
   * @param capabilities what the backend declares
   * @param extra backend-specific problems already found, e.g. reserved variable names
   * @return the resources to apply, with defaults filled in
   * @throws PlatformException NOT_SUPPORTED for scale to zero or GPUs without the capability;
   *     {@link InvalidAppSpecException} for values beyond the maxima
   */
  public Resources check(
      AppSpec spec, Set<DeploymentCapability> capabilities, List<SpecViolation> extra) {
    if (spec.scaleToZero() && !capabilities.contains(DeploymentCapability.SCALE_TO_ZERO)) {
      throw PlatformException.notSupported("This backend cannot scale apps to zero");
    }
    AppResources requested = spec.resources();
    if (requested.gpus() > 0 && !capabilities.contains(DeploymentCapability.GPU)) {
      throw PlatformException.notSupported("This backend cannot give apps GPUs");
    }
    List<SpecViolation> violations = new ArrayList<>(extra);
    String cpuRequest = request(requested.cpuRequest(), requested.cpuLimit(), defaultCpu);
    String cpuLimit = limit(requested.cpuLimit(), cpuRequest, defaultCpu);
    String memoryRequest =
        request(requested.memoryRequest(), requested.memoryLimit(), defaultMemory);
    String memoryLimit = limit(requested.memoryLimit(), memoryRequest, defaultMemory);
    atMost(violations, "resources.cpuRequest", cpuRequest, maxCpu);
    atMost(violations, "resources.cpuLimit", cpuLimit, maxCpu);
    atMost(violations, "resources.memoryRequest", memoryRequest, maxMemory);
    atMost(violations, "resources.memoryLimit", memoryLimit, maxMemory);
    if (requested.gpus() > maxGpus) {
      violations.add(
          new SpecViolation(
              "resources.gpus", "must be at most " + maxGpus + " (set by the administrator)"));
    }
    if (spec.maxReplicas() > maxReplicas) {
      violations.add(
          new SpecViolation(
              "maxReplicas", "must be at most " + maxReplicas + " (set by the administrator)"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidAppSpecException(violations);
    }
    return new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit, requested.gpus());
  }

  /**
   * The resources to apply.
   *
   * @param cpuRequest CPU request
   * @param cpuLimit CPU limit
   * @param memoryRequest memory request
   * @param memoryLimit memory limit
   * @param gpus whole GPUs
   */
  public record Resources(
      String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit, int gpus) {}

  private static String request(String request, String limit, String fallback) {
    if (request != null) {
      return request;
    }
    return limit != null && Quantities.compare(limit, fallback) < 0 ? limit : fallback;
  }

  private static String limit(String limit, String request, String fallback) {
    if (limit != null) {
      return limit;
    }
    return Quantities.compare(request, fallback) > 0 ? request : fallback;
  }

  private static void atMost(
      List<SpecViolation> violations, String field, String value, String maximum) {
    BigDecimal parsed = Quantities.parse(value);
    if (parsed.compareTo(Quantities.parse(maximum)) > 0) {
      violations.add(
          new SpecViolation(
              field, "must be at most " + maximum + " (set by the administrator), not " + value));
    }
  }
}
