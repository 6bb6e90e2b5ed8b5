package org.aiappstore.app.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Every call into a plugin goes through here: it runs on a worker thread with a deadline, so a
 * hanging connector never holds a request thread, and a per-connector circuit breaker stops
 * hammering one that keeps failing. Both turn into 503 problems the client may retry.
 */
public class GuardedCalls {

  static final int FAILURE_THRESHOLD = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  private final ExecutorService workers;
  private final Clock clock;
  private final CallRecorder recorder;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public GuardedCalls(ExecutorService workers, Clock clock, CallRecorder recorder) {
    this.workers = workers;
    this.clock = clock;
    this.recorder = recorder;
  }

  /**
   * Runs {@code work} for the connector instance {@code connectorId} (provided by the plugin {@code
   * pluginId}) within {@code timeout}, and records the call.
   *
   * @throws PlatformException the connector's own error, or UNAVAILABLE (503, retryable) when it
   *     timed out, failed unexpectedly or its circuit is open
   */
  public <T> T call(String connectorId, String pluginId, Duration timeout, Callable<T> work) {
    long started = System.nanoTime();
    boolean failed = true;
    try {
      T result = guarded(connectorId, timeout, work);
      failed = false;
      return result;
    } catch (PlatformException e) {
      failed = e.errorCode().type() != ErrorType.USER_ERROR;
      throw e;
    } finally {
      recorder.record(connectorId, pluginId, System.nanoTime() - started, failed);
    }
  }

  private <T> T guarded(String connectorId, Duration timeout, Callable<T> work) {
    CircuitBreaker breaker = breaker(connectorId);
    if (!breaker.tryAcquire()) {
      throw unavailable(
          "The connector '"
              + connectorId
              + "' failed repeatedly and is paused; retry in "
              + Math.max(1, breaker.retryAfter().toSeconds())
              + " s.",
          null);
    }
    Future<T> future = workers.submit(work);
    try {
      T result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      breaker.onSuccess();
      return result;
    } catch (TimeoutException e) {
      future.cancel(true);
      breaker.onFailure();
      throw unavailable(
          "The connector '" + connectorId + "' did not answer within " + describe(timeout) + ".",
          e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable("Interrupted while calling the connector '" + connectorId + "'.", e);
    } catch (ExecutionException e) {
      throw failure(connectorId, breaker, e.getCause());
    }
  }

  /** The breaker state of a connector, for health and the console. */
  public String circuitState(String connectorId) {
    return breaker(connectorId).state().name();
  }

  /** Forgets a connector's failures, e.g. after its configuration changed. */
  public void reset(String connectorId) {
    breakers.remove(connectorId);
  }

  private CircuitBreaker breaker(String connectorId) {
    return breakers.computeIfAbsent(
        connectorId, id -> new CircuitBreaker(FAILURE_THRESHOLD, OPEN_FOR, clock));
  }

  private static PlatformException failure(
      String connectorId, CircuitBreaker breaker, Throwable cause) {
    if (cause instanceof PlatformException platform) {
      // A client mistake (missing key, bad range) says nothing about the connector's health.
      if (platform.errorCode().type() == ErrorType.USER_ERROR) {
        breaker.onSuccess();
      } else {
        breaker.onFailure();
      }
      return platform;
    }
    breaker.onFailure();
    return unavailable("The connector '" + connectorId + "' failed unexpectedly.", cause);
  }

  private static PlatformException unavailable(String message, Throwable cause) {
    return new PlatformException(PlatformErrors.UNAVAILABLE, message, cause, true);
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
