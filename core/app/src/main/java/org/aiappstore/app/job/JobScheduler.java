package org.aiappstore.app.job;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * Drives the {@link JobRunner} from the managed scheduler: a poll every {@code
 * aiappstore.jobs.poll-seconds} runs the next queued job (the poll thread stays with the job until
 * it ends, and polls do not overlap), a heartbeat at a quarter of the lease keeps the lease while
 * it runs. Each start of the application is a new runner id, so jobs left running by the previous
 * process are recognised as interrupted.
 */
@ApplicationScoped
public class JobScheduler {

  private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

  @Inject JobRepository jobs;
  @Inject MongoConnection mongo;
  @Inject AppSettings settings;
  @Inject @Any Instance<JobHandler> handlers;
  @Inject Event<JobFinished> finished;

  @Resource ManagedScheduledExecutorService scheduler;

  private JobRunner runner;
  private Periodic poll;
  private Periodic heartbeat;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Map<String, JobHandler> byType = new HashMap<>();
    handlers.forEach(h -> byType.put(h.type(), h));
    Duration lease =
        Duration.ofSeconds(Math.max(4, settings.integer(ConfigKey.JOBS_LEASE_SECONDS)));
    long pollMillis = Math.max(200, settings.integer(ConfigKey.JOBS_POLL_MILLIS));
    runner =
        new JobRunner(
            jobs,
            new Leases(mongo),
            byType,
            UUID.randomUUID().toString(),
            Clock.systemUTC(),
            lease,
            job -> finished.fire(new JobFinished(job)));
    // Periodic, so that nothing a tick throws, errors included, ends the polling.
    poll =
        Periodic.start(
            scheduler,
            "Job polling",
            Duration.ofMillis(pollMillis),
            Duration.ofMillis(pollMillis),
            LOG,
            this::tick);
    Duration beat = lease.dividedBy(4);
    heartbeat = Periodic.start(scheduler, "Job heartbeat", beat, beat, LOG, runner::heartbeat);
  }

  @PreDestroy
  void stop() {
    if (poll != null) {
      poll.stop();
      heartbeat.stop();
    }
    try {
      if (runner != null) {
        runner.release();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not release the jobs lease; it expires by itself.", e);
    }
  }

  private void tick() {
    while (runner.tick()) {
      // run queued jobs back to back
    }
  }
}
