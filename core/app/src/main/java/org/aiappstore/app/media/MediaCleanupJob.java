package org.aiappstore.app.media;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.model.DraftStore;

/**
 * Deletes media files no card uses once the grace period has passed (see {@link MediaReferences}
 * for why a concurrent edit can never lose a file it is about to reference). Several replicas may
 * run it at once: the per-file mark is atomic, and deleting an object twice is harmless.
 */
@ApplicationScoped
public class MediaCleanupJob {

  private static final Logger LOG = Logger.getLogger(MediaCleanupJob.class.getName());
  private static final int BATCH = 500;

  @Inject MediaReferences references;
  @Inject DraftStore drafts;
  @Inject MediaStore store;
  @Inject ConnectorRegistry connectors;
  @Inject AppSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Clock clock = Clock.systemUTC();
  private Periodic schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Duration interval =
        Duration.ofMinutes(Math.max(1, settings.integer(ConfigKey.MEDIA_CLEANUP_INTERVAL_MINUTES)));
    schedule = Periodic.start(scheduler, "Media cleanup", interval, interval, LOG, this::runOnce);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.stop();
    }
  }

  private void runOnce() {
    int deleted = run();
    if (deleted > 0) {
      LOG.info(() -> "Media cleanup deleted " + deleted + " unused file(s).");
    }
  }

  /** One pass; returns how many files were deleted. */
  public int run() {
    return run(Instant.now(clock));
  }

  int run(Instant now) {
    return run(now, Duration.ofHours(settings.integer(ConfigKey.MEDIA_CLEANUP_GRACE_HOURS)));
  }

  int run(Instant now, Duration grace) {
    Instant graceStart = now.minus(grace);
    references.releaseAllDeleted(BATCH);
    // A draft may wait for days before it is resumed and published: its files stay claimed.
    references.claim(drafts.mediaInDrafts(), now);
    int deleted = 0;
    for (String id : references.cleanupCandidates(graceStart, BATCH)) {
      if (!references.markDeleting(id, graceStart, now)) {
        continue;
      }
      if (references.keepIfListed(id)) {
        LOG.warning(() -> "Media " + id + " is listed by a card but named none; kept and healed.");
        continue;
      }
      var record = store.find(id);
      if (record.isEmpty()) {
        continue;
      }
      try {
        connectors.dataConnector(record.get().connectorId()).delete(record.get().key());
        store.delete(id);
        deleted++;
      } catch (RuntimeException e) {
        // Stays marked: the next pass retries, and no edit can claim it meanwhile.
        LOG.log(Level.WARNING, "Could not delete unused media " + id + "; will retry.", e);
      }
    }
    return deleted;
  }
}
