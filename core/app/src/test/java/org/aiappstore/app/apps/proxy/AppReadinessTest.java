package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.apps.App;
import org.aiappstore.app.apps.TestApps;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.junit.jupiter.api.Test;

class AppReadinessTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final Deque<Optional<AppStatus>> statuses = new ArrayDeque<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger nudges = new AtomicInteger();
  private final AppReadiness readiness =
      new AppReadiness(
          app -> {
            reads.incrementAndGet();
            return statuses.size() > 1 ? statuses.poll() : statuses.peek();
          },
          clock,
          clock::advance);

  private static final App APP =
      TestApps.app("a1")
          .backend("b1")
          .image("img")
          .replicas(0, 1)
          .scaleToZero(true)
          .url("http://h/apps/app-a1/")
          .build();

  private static Optional<AppStatus> status(AppPhase phase, int wanted, int ready) {
    return Optional.of(
        new AppStatus("a1", "app-a1", phase, true, wanted, ready, phase.name(), null, null, null));
  }

  @Test
  void shouldRememberAReadyAppForAMomentOnly() throws Exception {
    statuses.add(status(AppPhase.RUNNING, 1, 1));

    assertThat(readiness.await(APP, false, TIMEOUT, nudges::incrementAndGet).verdict())
        .isEqualTo(AppReadiness.Verdict.READY);
    assertThat(readiness.await(APP, false, TIMEOUT, nudges::incrementAndGet).verdict())
        .isEqualTo(AppReadiness.Verdict.READY);
    assertThat(reads).hasValue(1);
    clock.advance(AppReadiness.READY_CACHE);
    readiness.await(APP, false, TIMEOUT, nudges::incrementAndGet);
    assertThat(reads).hasValue(2);
  }

  @Test
  void shouldHoldTheRequestWhileAScaledToZeroAppWakes() throws Exception {
    statuses.add(status(AppPhase.SCALED_TO_ZERO, 0, 0));
    statuses.add(status(AppPhase.DEPLOYING, 1, 0));
    statuses.add(status(AppPhase.DEPLOYING, 1, 0));
    statuses.add(status(AppPhase.RUNNING, 1, 1));
    Instant start = clock.instant();

    AppReadiness.Outcome outcome = readiness.await(APP, true, TIMEOUT, nudges::incrementAndGet);

    assertThat(outcome.verdict()).isEqualTo(AppReadiness.Verdict.READY);
    assertThat(nudges).hasValue(1);
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldGiveUpWhenTheAppDoesNotWakeInTime() throws Exception {
    statuses.add(status(AppPhase.SCALED_TO_ZERO, 0, 0));
    Instant start = clock.instant();

    AppReadiness.Outcome outcome =
        readiness.await(APP, true, Duration.ofSeconds(5), nudges::incrementAndGet);

    assertThat(outcome.verdict()).isEqualTo(AppReadiness.Verdict.TIMED_OUT);
    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(nudges).hasValue(1);
  }

  @Test
  void shouldCallAnAppScaledToZeroOnABackendThatCannotWakeItStopped() throws Exception {
    statuses.add(status(AppPhase.SCALED_TO_ZERO, 0, 0));

    AppReadiness.Outcome outcome = readiness.await(APP, false, TIMEOUT, nudges::incrementAndGet);

    assertThat(outcome.verdict()).isEqualTo(AppReadiness.Verdict.STOPPED);
    assertThat(outcome.message()).contains("stopped");
    assertThat(nudges).hasValue(0);
  }

  @Test
  void shouldNotWaitForAFailedOrMissingApp() throws Exception {
    statuses.add(status(AppPhase.FAILED, 1, 0));
    assertThat(readiness.await(APP, true, TIMEOUT, nudges::incrementAndGet).verdict())
        .isEqualTo(AppReadiness.Verdict.FAILED);

    statuses.clear();
    statuses.add(Optional.empty());
    assertThat(readiness.await(APP, true, TIMEOUT, nudges::incrementAndGet).verdict())
        .isEqualTo(AppReadiness.Verdict.MISSING);
  }
}
