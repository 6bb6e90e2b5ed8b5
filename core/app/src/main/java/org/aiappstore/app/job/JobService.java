package org.aiappstore.app.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;

/** Queues jobs and answers for them; the {@link JobScheduler} runs them. */
@ApplicationScoped
public class JobService {

  private static final Logger LOG = Logger.getLogger(JobService.class.getName());

  @Inject JobRepository jobs;

  private Clock clock = Clock.systemUTC();
  private Iterable<? extends JobHandler> handlers = List.of();

  public JobService() {}

  public JobService(JobRepository jobs, Clock clock) {
    this(jobs, clock, List.of());
  }

  /** With the handlers told when a queued job of their type is cancelled before it ran. */
  public JobService(JobRepository jobs, Clock clock, List<JobHandler> handlers) {
    this.jobs = jobs;
    this.clock = clock;
    this.handlers = List.copyOf(handlers);
  }

  @Inject
  void handlers(@Any Instance<JobHandler> all) {
    this.handlers = all;
  }

  /** Tells {@code handler} (if any) that {@code job} ended; its failures are only logged. */
  static void ended(JobHandler handler, Job job) {
    if (handler == null) {
      return;
    }
    try {
      handler.ended(job);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not clean up after job " + job.id() + " (" + job.type() + ")", e);
    }
  }

  /** Queues a job of {@code type} requested by {@code caller} (null: the system). */
  public Job submit(String type, Document params, Caller caller) {
    Job job =
        new Job(
            UUID.randomUUID().toString(),
            type,
            JobState.QUEUED,
            params,
            caller == null ? null : caller.userId(),
            caller == null ? "system" : caller.username(),
            0,
            0,
            0,
            List.of(),
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            0,
            1);
    jobs.insert(job);
    return job;
  }

  public Job get(String id) {
    return jobs.find(id).orElseThrow(JobService::notFound);
  }

  /** The job if it has {@code type}; 404 otherwise (an export id is no import). */
  public Job get(String id, String type) {
    Job job = get(id);
    if (!job.type().equals(type)) {
      throw notFound();
    }
    return job;
  }

  public List<Job> list(String type, int page, int size) {
    return jobs.list(type, page, size);
  }

  public long count(String type) {
    return jobs.count(type);
  }

  /** Cancels a queued job at once and asks a running one to stop; 409 for a finished job. */
  public Job cancel(String id) {
    Job before = get(id);
    if (before.state().terminal()) {
      throw new ProblemException(
          409, "JOB_FINISHED", "The job has already ended (" + before.state().id() + ").");
    }
    Job after = jobs.requestCancel(id, Instant.now(clock)).orElseThrow(JobService::notFound);
    if (after.state() == JobState.CANCELLED && before.state() == JobState.QUEUED) {
      // Cancelled before it ran: no runner will ever end it, so its cleanup happens here.
      for (JobHandler handler : handlers) {
        if (handler.type().equals(after.type())) {
          ended(handler, after);
        }
      }
    }
    return after;
  }

  static ProblemException notFound() {
    return new ProblemException(404, "JOB_NOT_FOUND", "There is no such job.");
  }
}
