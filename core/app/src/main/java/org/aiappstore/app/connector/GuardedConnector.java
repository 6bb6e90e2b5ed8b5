package org.aiappstore.app.connector;

import java.time.Duration;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A connector of a family the host has no operations for yet: only its connection check, with a
 * deadline and the instance's circuit breaker.
 */
class GuardedConnector implements Connector {

  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  final String instanceId;
  final String pluginId;
  final GuardedCalls calls;
  private final Connector delegate;

  GuardedConnector(String instanceId, String pluginId, Connector delegate, GuardedCalls calls) {
    this.instanceId = instanceId;
    this.pluginId = pluginId;
    this.delegate = delegate;
    this.calls = calls;
  }

  @Override
  public ConnectionCheck checkConnection() {
    long started = System.nanoTime();
    try {
      return calls.call(instanceId, pluginId, CHECK_TIMEOUT, delegate::checkConnection);
    } catch (PlatformException e) {
      // A check never throws: a timeout or an open circuit is a failed, retryable check.
      return ConnectionCheck.failed(
          e.retryable(), e.getMessage(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
