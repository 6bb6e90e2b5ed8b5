package org.aiappstore.app.apps.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.aiappstore.app.apps.App;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppStatus;

/**
 * Whether an app can take a request now, and holding a request while it wakes.
 *
 * <p>An app with a ready instance is remembered as ready for {@link #READY_CACHE}, so ordinary
 * traffic does not ask the Kubernetes API on every request. An app that has no ready instance but
 * is on its way (scaled to zero on a backend that wakes on demand, or still starting) is polled
 * every {@link #POLL} until an instance is ready or the wake timeout passes. A backend that cannot
 * scale to zero does not wake an app someone scaled to zero: it is stopped, and said so at once.
 *
 * <p>KNative starts an instance when a request reaches its activator, not when someone polls the
 * status: before polling, the caller's {@code nudge} (a request to the app's URL, answer ignored)
 * sets the wake-up going.
 */
final class AppReadiness {

  static final Duration READY_CACHE = Duration.ofSeconds(2);
  static final Duration POLL = Duration.ofMillis(500);

  /** Why a request cannot be forwarded. */
  enum Verdict {
    READY,
    STOPPED,
    FAILED,
    MISSING,
    TIMED_OUT
  }

  /** The verdict and, when not ready, a sentence for the person waiting. */
  record Outcome(Verdict verdict, String message) {
    static final Outcome READY = new Outcome(Verdict.READY, "");
  }

  /** Sleeps; a test passes one that moves its clock instead. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Function<App, Optional<AppStatus>> status;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, Instant> readyUntil = new ConcurrentHashMap<>();

  AppReadiness(Function<App, Optional<AppStatus>> status, Clock clock, Sleeper sleeper) {
    this.status = status;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Waits until the app has a ready instance, at most {@code timeout}.
   *
   * @param canWake whether the app scales to zero and its backend starts such apps on demand
   * @param nudge called once before waiting on an app scaled to zero
   */
  Outcome await(App app, boolean canWake, Duration timeout, Runnable nudge)
      throws InterruptedException {
    Instant cached = readyUntil.get(app.id());
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached)) {
      return Outcome.READY;
    }
    Instant deadline = now.plus(timeout);
    boolean nudged = false;
    while (true) {
      Optional<AppStatus> current = status.apply(app);
      if (current.isEmpty()) {
        return new Outcome(
            Verdict.MISSING, "The app's objects are missing; its owner can restore it.");
      }
      AppStatus s = current.get();
      if (s.readyReplicas() > 0) {
        readyUntil.put(app.id(), clock.instant().plus(READY_CACHE));
        return Outcome.READY;
      }
      readyUntil.remove(app.id());
      if (s.phase() == AppPhase.FAILED || s.phase() == AppPhase.DELETING) {
        return new Outcome(Verdict.FAILED, "The app cannot run: " + s.message());
      }
      boolean asleep = s.phase() == AppPhase.SCALED_TO_ZERO || s.wantedReplicas() == 0;
      if (asleep && !canWake) {
        return new Outcome(Verdict.STOPPED, "The app is stopped (scaled to zero instances).");
      }
      if (asleep && !nudged) {
        nudge.run();
        nudged = true;
      }
      if (!clock.instant().plus(POLL).isBefore(deadline)) {
        return new Outcome(
            Verdict.TIMED_OUT,
            "The app is still starting (" + s.message() + "); try again in a moment.");
      }
      sleeper.sleep(POLL);
    }
  }

  /** Forgets that an app was ready, e.g. after its upstream refused a connection. */
  void forget(String appId) {
    readyUntil.remove(appId);
  }
}
