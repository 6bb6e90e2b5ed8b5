package org.aiappstore.app.connector;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A connector of a family the host has no operations for yet: only its connection check, with a
 * deadline and the instance's circuit breaker. Every call is counted as in flight, so a replaced
 * connector is closed only once its calls are done.
 */
class GuardedConnector implements Connector {

  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  final String instanceId;
  final String pluginId;
  final GuardedCalls calls;
  final InFlight inFlight;
  private final Connector delegate;

  GuardedConnector(
      String instanceId,
      String pluginId,
      Connector delegate,
      GuardedCalls calls,
      InFlight inFlight) {
    this.instanceId = instanceId;
    this.pluginId = pluginId;
    this.delegate = delegate;
    this.calls = calls;
    this.inFlight = inFlight;
  }

  /** One guarded call within {@code timeout}, counted as in flight until it returns. */
  <T> T guarded(Duration timeout, Callable<T> work) {
    Runnable done = inFlight.open();
    try {
      return calls.call(instanceId, pluginId, timeout, work);
    } finally {
      done.run();
    }
  }

  @Override
  public ConnectionCheck checkConnection() {
    long started = System.nanoTime();
    try {
      return guarded(CHECK_TIMEOUT, delegate::checkConnection);
    } catch (PlatformException e) {
      // A check never throws: a timeout or an open circuit is a failed, retryable check.
      return ConnectionCheck.failed(
          e.retryable(), e.getMessage(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  @Override
  public void close() {
    inFlight.closeNow();
  }
}
