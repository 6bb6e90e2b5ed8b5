package org.aiappstore.app.apps;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * Runs the {@link AppReconciler} periodically, on one replica at a time: each replica tries to take
 * the {@code app-reconciler} lease before a pass, and only its holder reconciles. The lease lasts
 * three intervals, so a holder that stops is replaced within that time.
 */
@ApplicationScoped
public class AppReconcileJob {

  static final String LEASE = "app-reconciler";
  private static final Logger LOG = Logger.getLogger(AppReconcileJob.class.getName());

  @Inject AppRepository apps;
  @Inject AppBackends backends;
  @Inject MongoConnection mongo;
  @Inject AppSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private final String owner = UUID.randomUUID().toString();
  private final Clock clock = Clock.systemUTC();
  private Periodic schedule;
  private Duration interval;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    interval =
        Duration.ofSeconds(
            Math.max(5, settings.integer(ConfigKey.APPS_RECONCILE_INTERVAL_SECONDS)));
    schedule =
        Periodic.start(scheduler, "App reconciliation", interval, interval, LOG, this::runOnce);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.stop();
    }
    try {
      new Leases(mongo).release(LEASE, owner);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not release the reconciler lease; it expires by itself.", e);
    }
  }

  private void runOnce() {
    if (!new Leases(mongo).acquire(LEASE, owner, interval.multipliedBy(3), clock.instant())) {
      return;
    }
    Duration grace =
        Duration.ofMinutes(Math.max(1, settings.integer(ConfigKey.APPS_ORPHAN_GRACE_MINUTES)));
    AppReconciler.Outcome outcome =
        new AppReconciler(
                apps, backends, clock, grace, settings.duration(ConfigKey.APPS_PREVIEW_TTL))
            .run();
    if (!outcome.isEmpty()) {
      LOG.info(() -> "App reconciler: " + outcome);
    }
  }
}
