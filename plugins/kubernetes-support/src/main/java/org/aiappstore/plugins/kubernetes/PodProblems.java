package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads why an app's pods cannot run from their status, as {@code kubectl describe} shows it. */
public final class PodProblems {

  /** Waiting reasons that mean the container will not start without a change. */
  public static final Set<String> FAILURE_REASONS =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "ErrImageNeverPull",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private PodProblems() {}

  /**
   * Whether a pod still tells how the app is doing: not finished and not being deleted. A pod in
   * phase {@code Failed} (evicted, or lost with its node) or {@code Succeeded} stays in the API
   * until pod garbage collection, long after its controller replaced it; a pod being deleted is on
   * its way out. Their reasons show in the events, not as the app's verdict.
   *
   * @param pod the pod
   * @return {@code false} if finished or being deleted
   */
  public static boolean isCurrent(Pod pod) {
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Failed".equals(phase) && !"Succeeded".equals(phase);
  }

  /**
   * The first failure of the containers of the current pods ({@link #isCurrent}).
   *
   * @param pods the app's pods
   * @return e.g. "Container app of pod demo-x: ImagePullBackOff (Back-off pulling image ...)"
   */
  public static Optional<String> failure(List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || !isCurrent(pod)) {
        continue;
      }
      List<ContainerStatus> statuses = new ArrayList<>(pod.getStatus().getInitContainerStatuses());
      statuses.addAll(pod.getStatus().getContainerStatuses());
      for (ContainerStatus status : statuses) {
        if (status.getState() != null
            && status.getState().getWaiting() != null
            && FAILURE_REASONS.contains(status.getState().getWaiting().getReason())) {
          String reason = status.getState().getWaiting().getReason();
          String last =
              status.getLastState() != null && status.getLastState().getTerminated() != null
                  ? status.getLastState().getTerminated().getReason()
                  : null;
          return Optional.of(
              "Container "
                  + status.getName()
                  + " of pod "
                  + pod.getMetadata().getName()
                  + ": "
                  + reason
                  + (last == null || last.isBlank() ? "" : " after " + last)
                  + suffix(null, status.getState().getWaiting().getMessage()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Why a current pod ({@link #isCurrent}) cannot be scheduled, e.g. no node has a free GPU.
   *
   * @param pods the app's pods
   * @return the scheduler's message, if a pod is unschedulable
   */
  public static Optional<String> unschedulable(List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || !isCurrent(pod)) {
        continue;
      }
      for (PodCondition condition : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(condition.getType())
            && "False".equals(condition.getStatus())
            && "Unschedulable".equals(condition.getReason())) {
          return Optional.of(
              "Pod "
                  + pod.getMetadata().getName()
                  + " cannot be scheduled"
                  + suffix(null, condition.getMessage()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a pod serves requests: Ready, and not being deleted.
   *
   * @param pod the pod
   * @return {@code true} if ready
   */
  public static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * How often a pod's containers restarted.
   *
   * @param pod the pod
   * @return the sum of restart counts
   */
  public static int restarts(Pod pod) {
    return pod.getStatus() == null
        ? 0
        : pod.getStatus().getContainerStatuses().stream()
            .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
            .sum();
  }

  private static String suffix(String reason, String message) {
    String text = message == null || message.isBlank() ? reason : message;
    if (text == null || text.isBlank()) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return " (" + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine) + ")";
  }
}
