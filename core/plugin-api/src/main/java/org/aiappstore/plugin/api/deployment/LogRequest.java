package org.aiappstore.plugin.api.deployment;

import java.time.Instant;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Which log lines of an app to read, like {@code kubectl logs}.
 *
 * <p>Without {@code tailLines} and {@code since}, the last {@value #DEFAULT_TAIL_LINES} lines are
 * read: a whole log is never sent by default. In follow mode the lines selected this way come
 * first, then new lines as they are written.
 *
 * @param tailLines the last lines to read per container, {@code 0} to {@value #MAX_TAIL_LINES}, or
 *     {@code null} for all lines since {@code since} (up to the backend's size limit)
 * @param since read only lines written from this instant, or {@code null}
 * @param pod one pod of the app (see {@link AppStatus#pods()}), or {@code null} for all its pods
 * @param container one container of the pod, or {@code null} for the app's own container
 * @param follow whether to keep delivering new lines until closed
 */
public record LogRequest(
    Integer tailLines, Instant since, String pod, String container, boolean follow) {

  /** The lines read when neither {@code tailLines} nor {@code since} is given. */
  public static final int DEFAULT_TAIL_LINES = 200;

  /** The most lines a request may ask for per container. */
  public static final int MAX_TAIL_LINES = 5000;

  /**
   * Validates the request and applies the default tail.
   *
   * @param tailLines the last lines to read per container, or {@code null}
   * @param since read only lines written from this instant, or {@code null}
   * @param pod one pod of the app, or {@code null}
   * @param container one container of the pod, or {@code null}
   * @param follow whether to keep delivering new lines until closed
   * @throws PlatformException INVALID_ARGUMENT for a tail out of range or a malformed name
   */
  public LogRequest {
    if (tailLines == null && since == null) {
      tailLines = DEFAULT_TAIL_LINES;
    }
    if (tailLines != null && (tailLines < 0 || tailLines > MAX_TAIL_LINES)) {
      throw PlatformException.invalidArgument(
          "tailLines must be from 0 to " + MAX_TAIL_LINES + ", not " + tailLines);
    }
    pod = blankToNull(pod);
    container = blankToNull(container);
    if (pod != null) {
      KubernetesNames.objectNameProblem(pod)
          .ifPresent(
              p -> {
                throw PlatformException.invalidArgument("pod " + p);
              });
    }
    if (container != null) {
      KubernetesNames.dnsLabelProblem(container, KubernetesNames.MAX_LABEL_LENGTH)
          .ifPresent(
              p -> {
                throw PlatformException.invalidArgument("container " + p);
              });
    }
  }

  /**
   * The last lines of every pod's app container, once.
   *
   * @param lines the number of lines per container
   * @return the request
   */
  public static LogRequest tail(int lines) {
    return new LogRequest(lines, null, null, null, false);
  }

  /**
   * The last lines of every pod's app container, then new lines until closed.
   *
   * @param lines the number of lines per container to start with, {@code 0} for new lines only
   * @return the request
   */
  public static LogRequest follow(int lines) {
    return new LogRequest(lines, null, null, null, true);
  }

  /**
   * This request restricted to lines written from an instant.
   *
   * @param since the instant
   * @return a new request
   */
  public LogRequest withSince(Instant since) {
    return new LogRequest(tailLines, since, pod, container, follow);
  }

  /**
   * This request restricted to one pod.
   *
   * @param pod the pod name
   * @return a new request
   */
  public LogRequest withPod(String pod) {
    return new LogRequest(tailLines, since, pod, container, follow);
  }

  /**
   * This request for another container.
   *
   * @param container the container name
   * @return a new request
   */
  public LogRequest withContainer(String container) {
    return new LogRequest(tailLines, since, pod, container, follow);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
