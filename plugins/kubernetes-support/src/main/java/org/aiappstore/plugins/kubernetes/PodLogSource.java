package org.aiappstore.plugins.kubernetes;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Where a {@link LogFollower} reads an app's logs: its pods, and one container's timestamped log
 * lines ({@code <RFC 3339 time> <line>}, as {@code kubectl logs --timestamps} prints them). The
 * fabric8 implementation is {@link KubernetesPodLogSource}; tests use fakes.
 */
public interface PodLogSource {

  /**
   * The app's pods now.
   *
   * @return the pods, oldest first
   * @throws PlatformException NOT_FOUND if the app no longer exists; others if the cluster fails
   */
  List<PodInfo> pods();

  /**
   * Opens one container's log.
   *
   * @param pod the pod name
   * @param container the container name
   * @param since lines from this instant (second precision, as Kubernetes), or {@code null}
   * @param tailLines the last lines only, or {@code null}
   * @param follow whether the stream stays open for new lines (it may still end, e.g. when the
   *     container restarts or the connection drops)
   * @return the open stream, to close
   * @throws PlatformException NOT_FOUND if the pod or container no longer exists
   * @throws NotRunningException if the container has not started yet, so it has no log
   */
  LogStream open(String pod, String container, Instant since, Integer tailLines, boolean follow);

  /**
   * A container has no log yet: it waits to start ({@code ContainerCreating}, {@code
   * PodInitializing}, pulling its image) or its pod has no node. The API server answers 400.
   */
  final class NotRunningException extends PlatformException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the API server said, e.g. {@code container "app" in pod "demo-x" is
     *     waiting to start: ContainerCreating}
     * @param cause what the client threw, or {@code null}
     */
    public NotRunningException(String message, Throwable cause) {
      super(PlatformErrors.CONFLICT, message, cause, true);
    }
  }

  /**
   * A pod of the app.
   *
   * @param name the pod name
   * @param containers its container names
   * @param createdAt when it was created, or {@code null}
   */
  record PodInfo(String name, List<String> containers, Instant createdAt) {

    /**
     * Copies the list.
     *
     * @param name the pod name
     * @param containers its container names
     * @param createdAt when it was created, or {@code null}
     */
    public PodInfo {
      containers = List.copyOf(containers);
    }
  }

  /** An open log: bytes of timestamped lines. Closing it unblocks a pending read. */
  interface LogStream extends Closeable {

    /**
     * The log's bytes, UTF-8.
     *
     * @return the stream
     */
    InputStream input();

    @Override
    void close();
  }
}
