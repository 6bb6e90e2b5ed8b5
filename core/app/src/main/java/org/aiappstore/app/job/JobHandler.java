package org.aiappstore.app.job;

/**
 * The work of one job type. Implementations are CDI beans; the {@link JobRunner} calls {@link #run}
 * on the one replica holding the jobs lease. A handler reports each item through the context and
 * calls {@link JobContext#checkpoint()} between items so that a cancel takes effect.
 */
public interface JobHandler {

  /** The job type this handler runs, e.g. {@code export}. */
  String type();

  /**
   * Does the work. Throwing fails the job with the exception's message (never a stack trace).
   *
   * @throws JobCancelledException from {@link JobContext#checkpoint()} when cancelled
   */
  void run(Job job, JobContext context) throws Exception;

  /**
   * Whether a job interrupted by a dead instance may simply start over. Jobs whose items are not
   * idempotent (an import under new slugs would duplicate cards) answer false and are failed with
   * the reason instead.
   */
  default boolean restartable() {
    return false;
  }

  /**
   * Called once a job of this type has ended, in any state: after {@link #run}, and also for a job
   * that never ran (cancelled while queued) or was failed when its instance died. Releases what the
   * job's parameters hold (e.g. an uploaded file). May be called more than once for a job, so it
   * must be harmless to repeat; its failures are logged and never change the job.
   */
  default void ended(Job job) {}
}
