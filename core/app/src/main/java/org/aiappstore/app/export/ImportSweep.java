package org.aiappstore.app.export;

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
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.storage.StorageService;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;

/**
 * Deletes uploaded import bundles ({@code imports/}) no queued or running import refers to, once
 * they are an hour old (an upload is stored a moment before its job is queued). An import deletes
 * its bundle when it ends; this catches the ones whose deletion failed or never happened. Runs at
 * the media cleanup's interval; several replicas may run it at once, deleting twice is harmless. It
 * also repairs the cards of imports that are no longer running and left half-written cards behind
 * ({@link ImportJournal#sweep}): those whose repair when the job ended failed, or whose job record
 * was deleted.
 */
@ApplicationScoped
public class ImportSweep {

  static final String PREFIX = "imports/";
  static final Duration GRACE = Duration.ofHours(1);
  private static final Logger LOG = Logger.getLogger(ImportSweep.class.getName());
  private static final int BATCH = 500;

  @Inject JobRepository jobs;
  @Inject ConnectorRegistry connectors;
  @Inject StorageService storage;
  @Inject AppSettings settings;
  @Inject ImportJob imports;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Clock clock = Clock.systemUTC();
  private Periodic schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Duration interval =
        Duration.ofMinutes(Math.max(1, settings.integer(ConfigKey.MEDIA_CLEANUP_INTERVAL_MINUTES)));
    schedule = Periodic.start(scheduler, "Import sweep", interval, interval, LOG, this::runOnce);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.stop();
    }
  }

  private void runOnce() {
    int repaired = imports.journal().sweep(jobs);
    if (repaired > 0) {
      LOG.info(() -> "Import sweep repaired " + repaired + " interrupted card import(s).");
    }
    int deleted = sweep(jobs, connectors.dataConnector(storage.activeConnectorId()), clock);
    if (deleted > 0) {
      LOG.info(() -> "Import sweep deleted " + deleted + " abandoned upload(s).");
    }
  }

  /** One pass over {@code store}; returns how many uploads were deleted. */
  static int sweep(JobRepository jobs, DataConnector store, Clock clock) {
    Instant before = clock.instant().minus(GRACE);
    int deleted = 0;
    for (ObjectInfo object : store.list(PREFIX, BATCH)) {
      if (object.lastModified() != null
          && object.lastModified().isBefore(before)
          && !jobs.anyUnfinished(ImportJob.TYPE, "key", object.key())
          && store.delete(object.key())) {
        deleted++;
      }
    }
    return deleted;
  }
}
