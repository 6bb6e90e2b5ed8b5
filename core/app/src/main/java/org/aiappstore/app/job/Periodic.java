package org.aiappstore.app.job;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work run on the managed scheduler at a fixed delay (cleanups, sweeps, the reconciler, job polls):
 * unlike the persistent {@link Job}s it keeps no state. A run that fails is logged and the next one
 * comes anyway, also after an error such as a stack overflow: anything escaping a scheduled task
 * cancels every later run, silently.
 */
public final class Periodic {

  private final ScheduledFuture<?> schedule;

  private Periodic(ScheduledFuture<?> schedule) {
    this.schedule = schedule;
  }

  /**
   * Runs {@code task} first after {@code firstDelay}, then {@code interval} after each run ends.
   *
   * @param what names the task in the log, e.g. "Media cleanup"
   */
  public static Periodic start(
      ScheduledExecutorService scheduler,
      String what,
      Duration firstDelay,
      Duration interval,
      Logger log,
      Runnable task) {
    Runnable safely =
        () -> {
          try {
            task.run();
          } catch (Throwable e) {
            log.log(
                Level.WARNING,
                e,
                () -> what + " failed; it runs again in " + describe(interval) + ".");
          }
        };
    return new Periodic(
        scheduler.scheduleWithFixedDelay(
            safely, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Lets a run in progress finish; no other starts. */
  public void stop() {
    schedule.cancel(false);
  }

  private static String describe(Duration interval) {
    if (interval.toMillis() % 1000 != 0) {
      return interval.toMillis() + " ms";
    }
    long seconds = interval.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
