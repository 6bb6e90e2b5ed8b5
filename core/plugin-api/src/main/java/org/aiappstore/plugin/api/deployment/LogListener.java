package org.aiappstore.plugin.api.deployment;

import java.time.Instant;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Receives the log lines of a {@link DeploymentBackend#logs logs} call, on a thread of the backend.
 *
 * <p>Calls never overlap. Each line is delivered once, in the order its container wrote it, even
 * when a follow stream reconnects (after a container restart, a new pod or a dropped connection).
 * Exactly one of {@link #onEnd()} and {@link #onError(PlatformException)} is called, last; nothing
 * is called after it. A listener should return quickly: a slow listener holds back later lines of
 * the same subscription.
 */
public interface LogListener {

  /**
   * One log line.
   *
   * @param pod the pod that wrote it
   * @param container the container that wrote it
   * @param line the line, without its line terminator
   * @param timestamp when it was written, or {@code null} if the backend cannot tell
   */
  void onLine(String pod, String container, String line, Instant timestamp);

  /**
   * No more lines: all requested lines were delivered (not following), or the subscription was
   * closed.
   */
  void onEnd();

  /**
   * The logs could not be read further, e.g. the app was deleted or the cluster is unreachable.
   *
   * @param error why, with a platform error code
   */
  void onError(PlatformException error);
}
