package org.aiappstore.app.job;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.plugin.api.error.PlatformException;
import org.bson.Document;

/**
 * Runs queued jobs, one at a time, on the one instance that holds the {@value #LEASE} lease. While
 * a job runs, every progress report and a periodic {@link #heartbeat()} renew the lease. Whoever
 * takes the lease next treats jobs still marked running by another instance as interrupted: their
 * runner died (or stalled for longer than the lease), so they start over when their handler allows
 * it, and fail with "interrupted by restart" otherwise. Nothing stays "running" for longer than the
 * lease once its runner is gone.
 */
public class JobRunner {

  public static final String LEASE = "jobs";
  public static final String INTERRUPTED = "interrupted by restart";
  static final int MAX_ATTEMPTS = 3;

  private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

  private final JobRepository jobs;
  private final Leases leases;
  private final Map<String, JobHandler> handlers;
  private final String instanceId;
  private final Clock clock;
  private final Duration leaseTtl;
  private volatile String current;
  private final Consumer<Job> finished;

  public JobRunner(
      JobRepository jobs,
      Leases leases,
      Map<String, JobHandler> handlers,
      String instanceId,
      Clock clock,
      Duration leaseTtl) {
    this(jobs, leases, handlers, instanceId, clock, leaseTtl, job -> {});
  }

  /**
   * @param finished told about every job this runner ended (in any terminal state), after the state
   *     is stored; its failures are logged and never change the job
   */
  public JobRunner(
      JobRepository jobs,
      Leases leases,
      Map<String, JobHandler> handlers,
      String instanceId,
      Clock clock,
      Duration leaseTtl,
      Consumer<Job> finished) {
    this.finished = finished;
    this.jobs = jobs;
    this.leases = leases;
    this.handlers = Map.copyOf(handlers);
    this.instanceId = instanceId;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /** One pass: takes the lease if free, recovers orphans, runs the next job; true if it ran one. */
  public boolean tick() {
    if (!leases.acquire(LEASE, instanceId, leaseTtl, clock.instant())) {
      return false;
    }
    recoverOrphans();
    Optional<Job> next = jobs.claimNext(instanceId, clock.instant());
    next.ifPresent(this::run);
    return next.isPresent();
  }

  /** Renews the lease and the running job's heartbeat; called periodically while a job runs. */
  public void heartbeat() {
    String id = current;
    if (id != null && leases.acquire(LEASE, instanceId, leaseTtl, clock.instant())) {
      jobs.updateOwned(id, instanceId, Updates.set("heartbeatAt", Date.from(clock.instant())));
    }
  }

  /** Lets another instance take over at once (on shutdown). */
  public void release() {
    leases.release(LEASE, instanceId);
  }

  void recoverOrphans() {
    for (Job orphan : jobs.runningElsewhere(instanceId)) {
      JobHandler handler = handlers.get(orphan.type());
      boolean restart =
          handler != null && handler.restartable() && orphan.attempts() < MAX_ATTEMPTS;
      if (restart && jobs.requeue(orphan.id(), orphan.runner())) {
        LOG.warning(() -> "Job " + orphan.id() + " was interrupted by a restart; it starts over.");
      } else if (jobs.finish(
          orphan.id(), JobState.RUNNING, orphan.runner(), JobState.FAILED, INTERRUPTED, now())) {
        LOG.warning(() -> "Job " + orphan.id() + " was interrupted by a restart; marked failed.");
        announce(orphan.id());
      }
    }
  }

  private void run(Job job) {
    current = job.id();
    Progress progress = new Progress(job);
    try {
      JobHandler handler = handlers.get(job.type());
      if (handler == null) {
        throw new IllegalStateException("no handler for job type " + job.type());
      }
      handler.run(job, progress);
      Job last = progress.last;
      JobState state = JobState.SUCCEEDED;
      String error = null;
      if (last.failed() > 0 && last.failed() >= last.total()) {
        state = JobState.FAILED;
        error = "every item failed";
      } else if (last.failed() > 0) {
        state = JobState.COMPLETED_WITH_FAILURES;
      }
      jobs.finish(job.id(), JobState.RUNNING, instanceId, state, error, now());
    } catch (JobCancelledException e) {
      jobs.finish(job.id(), JobState.RUNNING, instanceId, JobState.CANCELLED, null, now());
    } catch (Throwable e) {
      // Errors too: a stack overflow or memory running out ends the job, not this runner (the
      // stack is unwound and the job's memory freed by now). Thrown on, an error would end the
      // schedule that polls for jobs, and the job would stay running until the server stopped.
      LOG.log(
          e instanceof Exception ? Level.WARNING : Level.SEVERE,
          "Job " + job.id() + " (" + job.type() + ") failed.",
          e);
      jobs.finish(job.id(), JobState.RUNNING, instanceId, JobState.FAILED, reason(e), now());
    } finally {
      current = null;
    }
    announce(job.id());
  }

  private void announce(String id) {
    Optional<Job> ended;
    try {
      ended = jobs.find(id).filter(j -> j.state().terminal());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not announce the end of job " + id, e);
      return;
    }
    ended.ifPresent(job -> JobService.ended(handlers.get(job.type()), job));
    try {
      ended.ifPresent(finished);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not announce the end of job " + id, e);
    }
  }

  /** A reason fit for the job record: the message of our own errors, never a class name. */
  static String reason(Throwable e) {
    if (e instanceof PlatformException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    if (e instanceof org.aiappstore.app.problem.ProblemException) {
      return e.getMessage();
    }
    if (e instanceof java.io.IOException) {
      return "input/output error: " + e.getMessage();
    }
    return "unexpected error (see the server log)";
  }

  private Instant now() {
    return clock.instant();
  }

  /** The context of one run: each report is one conditional update of the job document. */
  private final class Progress implements JobContext {
    private Job last;

    Progress(Job job) {
      this.last = job;
    }

    @Override
    public void total(long total) {
      apply(Updates.set("total", total));
    }

    @Override
    public void item(JobItem item) {
      apply(
          Updates.combine(
              Updates.push("items", item.toDocument()),
              Updates.inc("done", 1L),
              Updates.inc("failed", item.failed() ? 1L : 0L)));
    }

    @Override
    public void result(Document result) {
      apply(Updates.set("result", result));
    }

    @Override
    public void checkpoint() {
      apply(null);
      if (last.cancelRequested()) {
        throw new JobCancelledException("cancelled");
      }
    }

    private void apply(org.bson.conversions.Bson update) {
      leases.acquire(LEASE, instanceId, leaseTtl, now());
      last =
          jobs.updateOwned(
                  last.id(),
                  instanceId,
                  update == null
                      ? Updates.set("heartbeatAt", Date.from(now()))
                      : Updates.combine(update, Updates.set("heartbeatAt", Date.from(now()))))
              .orElseThrow(() -> new JobCancelledException("taken over by another instance"));
    }
  }
}
