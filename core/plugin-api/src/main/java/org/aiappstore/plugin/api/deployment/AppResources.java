package org.aiappstore.plugin.api.deployment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compute resources of an app's container. CPU and memory are Kubernetes quantity strings ({@code
 * 500m}, {@code 2}, {@code 512Mi}, {@code 4Gi}); an unset ({@code null}) value is filled in by the
 * backend from its administrator's defaults. GPUs are whole devices: Kubernetes cannot share one.
 *
 * <p>A request must not exceed its limit. Each backend checks the values against the maxima its
 * administrator configured and rejects larger ones with an {@link InvalidAppSpecException}.
 *
 * @param cpuRequest CPU reserved for the container, or {@code null}
 * @param cpuLimit CPU the container may use at most, or {@code null}
 * @param memoryRequest memory reserved for the container, or {@code null}
 * @param memoryLimit memory the container may use at most, or {@code null}
 * @param gpus whole GPUs, {@code 0} to {@value #MAX_GPUS}
 */
public record AppResources(
    String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit, int gpus) {

  /** The most GPUs any app may ask for, whatever a backend allows. */
  public static final int MAX_GPUS = 16;

  /** The least memory a container can start with. */
  public static final String MIN_MEMORY = "16Mi";

  /** The least CPU a container can be given. */
  public static final String MIN_CPU = "1m";

  private static final AppResources NONE = new AppResources(null, null, null, null, 0);

  /**
   * Validates the resources.
   *
   * @param cpuRequest CPU reserved for the container, or {@code null}
   * @param cpuLimit CPU the container may use at most, or {@code null}
   * @param memoryRequest memory reserved for the container, or {@code null}
   * @param memoryLimit memory the container may use at most, or {@code null}
   * @param gpus whole GPUs, {@code 0} to {@value #MAX_GPUS}
   * @throws InvalidAppSpecException with fields {@code resources.*} if a value is malformed, too
   *     small, or a request exceeds its limit
   */
  public AppResources {
    cpuRequest = blankToNull(cpuRequest);
    cpuLimit = blankToNull(cpuLimit);
    memoryRequest = blankToNull(memoryRequest);
    memoryLimit = blankToNull(memoryLimit);
    List<SpecViolation> violations = new ArrayList<>();
    check(violations, "cpuRequest", cpuRequest, MIN_CPU);
    check(violations, "cpuLimit", cpuLimit, MIN_CPU);
    check(violations, "memoryRequest", memoryRequest, MIN_MEMORY);
    check(violations, "memoryLimit", memoryLimit, MIN_MEMORY);
    if (violations.isEmpty()) {
      checkOrder(violations, "cpuRequest", cpuRequest, cpuLimit);
      checkOrder(violations, "memoryRequest", memoryRequest, memoryLimit);
    }
    if (gpus < 0 || gpus > MAX_GPUS) {
      violations.add(
          new SpecViolation("resources.gpus", "must be a whole number from 0 to " + MAX_GPUS));
    }
    if (!violations.isEmpty()) {
      throw new InvalidAppSpecException(violations);
    }
  }

  /**
   * No explicit resources: the backend's defaults, no GPU.
   *
   * @return the resources
   */
  public static AppResources none() {
    return NONE;
  }

  /**
   * The same resources with another number of GPUs.
   *
   * @param gpus whole GPUs
   * @return new resources
   */
  public AppResources withGpus(int gpus) {
    return new AppResources(cpuRequest, cpuLimit, memoryRequest, memoryLimit, gpus);
  }

  private static void check(
      List<SpecViolation> violations, String field, String value, String minimum) {
    if (value == null) {
      return;
    }
    var problem = Quantities.problem(value);
    if (problem.isPresent()) {
      violations.add(new SpecViolation("resources." + field, problem.get()));
    } else if (Quantities.compare(value, minimum) < 0) {
      violations.add(new SpecViolation("resources." + field, "must be at least " + minimum));
    }
  }

  private static void checkOrder(
      List<SpecViolation> violations, String field, String request, String limit) {
    if (request == null || limit == null) {
      return;
    }
    BigDecimal requested = Quantities.parse(request);
    if (requested.compareTo(Quantities.parse(limit)) > 0) {
      violations.add(
          new SpecViolation(
              "resources." + field, "must not exceed the limit (" + request + " > " + limit + ")"));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
