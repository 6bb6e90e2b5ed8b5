package org.aiappstore.plugin.api.deployment;

/**
 * A running {@link DeploymentBackend#logs logs} call. Close it when the reader goes away (e.g. the
 * browser closes its event stream); the backend then stops reading and calls {@link
 * LogListener#onEnd()} unless the listener already got its last call.
 */
public interface LogSubscription extends AutoCloseable {

  /**
   * Whether lines may still be delivered.
   *
   * @return {@code false} once closed or ended
   */
  boolean isOpen();

  /**
   * Stops delivering lines and releases the connections. Idempotent; may be called from any thread,
   * including from the listener. When it returns, no {@link LogListener#onLine} call is running or
   * will start.
   */
  @Override
  void close();
}
