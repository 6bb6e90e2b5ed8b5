package org.aiappstore.plugin.api.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One running instance of an app: a Kubernetes pod. Its name and containers are what {@link
 * LogRequest#pod()} and {@link LogRequest#container()} choose from.
 *
 * @param name the pod name
 * @param ready whether it serves requests
 * @param restarts how often its containers restarted, summed
 * @param containers its container names, the app's own container first
 * @param createdAt when it was created, or {@code null} if unknown
 */
public record AppPod(
    String name, boolean ready, int restarts, List<String> containers, Instant createdAt) {

  /**
   * Validates the pod.
   *
   * @param name the pod name
   * @param ready whether it serves requests
   * @param restarts how often its containers restarted
   * @param containers its container names
   * @param createdAt when it was created, or {@code null}
   */
  public AppPod {
    Objects.requireNonNull(name, "name");
    containers = containers == null ? List.of() : List.copyOf(containers);
    if (restarts < 0) {
      throw new IllegalArgumentException("restarts must not be negative: " + restarts);
    }
  }
}
