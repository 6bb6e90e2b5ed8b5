package org.aiappstore.app.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a connector that keeps failing: after {@code threshold} consecutive failures the
 * circuit opens and calls fail at once for {@code openFor}; then one trial call is let through
 * (half-open), and its outcome closes or re-opens the circuit. Thread-safe.
 */
final class CircuitBreaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;

  private int consecutiveFailures;
  private Instant openedAt;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go ahead now; in half-open state only one trial call is allowed. */
  synchronized boolean tryAcquire() {
    State state = state();
    if (state == State.CLOSED) {
      return true;
    }
    if (state == State.HALF_OPEN && !trialInFlight) {
      trialInFlight = true;
      return true;
    }
    return false;
  }

  synchronized void onSuccess() {
    consecutiveFailures = 0;
    openedAt = null;
    trialInFlight = false;
  }

  synchronized void onFailure() {
    trialInFlight = false;
    consecutiveFailures++;
    if (consecutiveFailures >= threshold) {
      openedAt = clock.instant();
    }
  }

  synchronized State state() {
    if (openedAt == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
  }

  /** How long until a trial call is allowed; zero unless open. */
  synchronized Duration retryAfter() {
    if (state() != State.OPEN) {
      return Duration.ZERO;
    }
    return Duration.between(clock.instant(), openedAt.plus(openFor));
  }
}
