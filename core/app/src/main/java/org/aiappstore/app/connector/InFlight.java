package org.aiappstore.app.connector;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * The calls and open streams (an object being read, a followed log) of one live connector. A
 * connector that is retired (its settings changed, or its instance was deleted) is closed once the
 * last of them is done, so a change never cuts off a deploy, an upload or a log in progress; the
 * registry closes it anyway after a while. Closing runs on {@code closer}, never on the thread that
 * ends the last use (which may be one of the connector's own).
 */
final class InFlight {

  private final String instanceId;
  private final Connector connector;
  private final Executor closer;

  private int users;
  private boolean retired;
  private boolean closed;

  InFlight(String instanceId, Connector connector, Executor closer) {
    this.instanceId = instanceId;
    this.connector = connector;
    this.closer = closer;
  }

  /**
   * Counts one use until the returned action runs (only its first run counts).
   *
   * @throws PlatformException UNAVAILABLE (retryable) when the connector is already closed
   */
  Runnable open() {
    synchronized (this) {
      if (closed) {
        throw new PlatformException(
            PlatformErrors.UNAVAILABLE,
            "The connector '" + instanceId + "' was reconfigured or removed; retry.",
            null,
            true);
      }
      users++;
    }
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        release();
      }
    };
  }

  private void release() {
    boolean close;
    synchronized (this) {
      users--;
      close = retired && users == 0 && markClosed();
    }
    if (close) {
      closer.execute(connector::close);
    }
  }

  /**
   * Closes the connector once it is no longer used; at once if it is idle.
   *
   * @return whether it is closed (or being closed) already
   */
  boolean retire() {
    boolean close;
    synchronized (this) {
      retired = true;
      close = users == 0 && markClosed();
    }
    if (close) {
      closer.execute(connector::close);
    }
    return close;
  }

  /**
   * Closes the connector now, in use or not; for shutdown and for retirements that took too long.
   */
  void closeNow() {
    boolean close;
    synchronized (this) {
      close = markClosed();
    }
    if (close) {
      connector.close();
    }
  }

  /** Whether this call is the one that closes; must hold the lock. */
  private boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }
}
