package org.aiappstore.app.webhook;

import java.time.Duration;

/**
 * When to try a failed delivery again: the base after the first failure, doubling with every
 * further one (1 s, 2 s, 4 s … for a base of one second), never more than an hour apart.
 */
public record Backoff(Duration base) {

  static final Duration MAX = Duration.ofHours(1);

  /** The wait after {@code failedAttempts} (at least 1) failed attempts. */
  public Duration after(int failedAttempts) {
    int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }
}
