package org.aiappstore.app.audit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * Deletes audit records older than {@code aiappstore.audit.retention-days}, hourly, on one replica
 * at a time (the {@code audit-cleanup} lease). Retention 0 keeps everything.
 */
@ApplicationScoped
public class AuditCleanup {

  static final String LEASE = "audit-cleanup";
  private static final Logger LOG = Logger.getLogger(AuditCleanup.class.getName());

  @Inject AuditLog log;
  @Inject AppSettings settings;
  @Inject MongoConnection mongo;
  @Resource ManagedScheduledExecutorService scheduler;

  private final String owner = UUID.randomUUID().toString();
  private final Clock clock = Clock.systemUTC();
  private Periodic schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    schedule =
        Periodic.start(
            scheduler,
            "Audit cleanup",
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            LOG,
            this::runOnce);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.stop();
    }
  }

  private void runOnce() {
    if (new Leases(mongo).acquire(LEASE, owner, Duration.ofMinutes(30), clock.instant())) {
      long deleted = run(settings.integer(ConfigKey.AUDIT_RETENTION_DAYS), clock.instant());
      if (deleted > 0) {
        LOG.info(() -> "Audit cleanup deleted " + deleted + " record(s) past retention.");
      }
    }
  }

  /** Deletes what is older than {@code retentionDays} before {@code now}; 0 days keeps all. */
  public long run(int retentionDays, Instant now) {
    if (retentionDays <= 0) {
      return 0;
    }
    return log.deleteOlderThan(now.minus(Duration.ofDays(retentionDays)));
  }
}
