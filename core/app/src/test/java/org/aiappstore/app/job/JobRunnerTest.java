package org.aiappstore.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final TestingMongo mongo = new TestingMongo();
  private final JobRepository repository = new JobRepository(mongo);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final JobService service = new JobService(repository, clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  private JobRunner runner(String instance, JobHandler... handlers) {
    Map<String, JobHandler> byType = new java.util.HashMap<>();
    for (JobHandler h : handlers) {
      byType.put(h.type(), h);
    }
    return new JobRunner(repository, new Leases(mongo), byType, instance, clock, LEASE);
  }

  /** Reports the given outcomes, one item each. */
  private static JobHandler reporting(String... statuses) {
    return handler(
        "test",
        false,
        (job, ctx) -> {
          ctx.total(statuses.length);
          for (int i = 0; i < statuses.length; i++) {
            ctx.checkpoint();
            ctx.item(
                new JobItem(
                    "item-" + i,
                    "Item " + i,
                    statuses[i],
                    JobItem.FAILED.equals(statuses[i]) ? "broken" : null));
          }
          ctx.result(new Document("key", "out/" + job.id()));
        });
  }

  interface Work {
    void run(Job job, JobContext ctx) throws Exception;
  }

  private static JobHandler handler(String type, boolean restartable, Work work) {
    return new JobHandler() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public void run(Job job, JobContext context) throws Exception {
        work.run(job, context);
      }

      @Override
      public boolean restartable() {
        return restartable;
      }
    };
  }

  private Job submit(String type) {
    return service.submit(type, new Document("all", true), null);
  }

  @Test
  void shouldRunAQueuedJobAndRecordEveryItem() {
    Job queued = submit("test");

    assertThat(runner("a", reporting("done", "skipped")).tick()).isTrue();

    Job job = service.get(queued.id());
    assertSoftly(
        s -> {
          s.assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
          s.assertThat(job.total()).isEqualTo(2);
          s.assertThat(job.done()).isEqualTo(2);
          s.assertThat(job.items()).extracting(JobItem::status).containsExactly("done", "skipped");
          s.assertThat(job.startedAt()).isNotNull();
          s.assertThat(job.finishedAt()).isNotNull();
          s.assertThat(job.result().getString("key")).isEqualTo("out/" + job.id());
          s.assertThat(job.summary()).isEqualTo("completed");
        });
  }

  @Test
  void shouldAnnounceEveryJobItEndedWithItsStoredEndState() {
    Job ok = submit("test");
    Job broken = submit("broken");
    List<Job> announced = new java.util.ArrayList<>();
    JobRunner runner =
        new JobRunner(
            repository,
            new Leases(mongo),
            Map.of(
                "test",
                reporting("done", "failed"),
                "broken",
                handler(
                    "broken",
                    false,
                    (job, ctx) -> {
                      throw new IllegalStateException("no such bucket");
                    })),
            "a",
            clock,
            LEASE,
            announced::add);

    runner.tick();
    runner.tick();

    assertThat(announced)
        .extracting(Job::id, Job::state, Job::error)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ok.id(), JobState.COMPLETED_WITH_FAILURES, null),
            org.assertj.core.groups.Tuple.tuple(broken.id(), JobState.FAILED, "no such bucket"));
  }

  @Test
  void shouldRunNothingWhenTheQueueIsEmpty() {
    assertThat(runner("a", reporting("done")).tick()).isFalse();
  }

  @Test
  void shouldSayCompletedWithFailuresWhenSomeItemsFailed() {
    Job queued = submit("test");

    runner("a", reporting("done", "failed", "done")).tick();

    Job job = service.get(queued.id());
    assertThat(job.state()).isEqualTo(JobState.COMPLETED_WITH_FAILURES);
    assertThat(job.summary()).isEqualTo("completed with 1 failure");
    assertThat(job.items().get(1).reason()).isEqualTo("broken");
  }

  @Test
  void shouldFailWhenEveryItemFailed() {
    Job queued = submit("test");

    runner("a", reporting("failed", "failed")).tick();

    Job job = service.get(queued.id());
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error()).isEqualTo("every item failed");
  }

  @Test
  void shouldFailWithTheReasonWhenTheHandlerThrows() {
    Job queued = submit("test");
    JobHandler broken =
        handler(
            "test",
            false,
            (job, ctx) -> {
              throw new IllegalStateException("the store is read-only");
            });

    runner("a", broken).tick();

    assertThat(service.get(queued.id()).error()).isEqualTo("the store is read-only");
    assertThat(service.get(queued.id()).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void shouldNotLeakDetailsOfUnexpectedErrors() {
    Job queued = submit("test");
    JobHandler broken =
        handler(
            "test",
            false,
            (job, ctx) -> {
              throw new NullPointerException("secret internals");
            });

    runner("a", broken).tick();

    assertThat(service.get(queued.id()).error()).doesNotContain("secret", "NullPointer");
  }

  @Test
  void shouldFailAJobWhoseHandlerThrowsAnErrorAndRunTheNextOne() {
    Job overflowing = submit("test");
    Job next = submit("test");
    JobHandler deep =
        handler(
            "test",
            false,
            (job, ctx) -> {
              if (job.id().equals(overflowing.id())) {
                throw new StackOverflowError();
              }
            });
    JobRunner runner = runner("a", deep);

    assertThat(runner.tick()).isTrue();
    assertThat(runner.tick()).isTrue();

    assertSoftly(
        s -> {
          s.assertThat(service.get(overflowing.id()).state()).isEqualTo(JobState.FAILED);
          s.assertThat(service.get(overflowing.id()).error())
              .isEqualTo("unexpected error (see the server log)");
          s.assertThat(service.get(next.id()).state()).isEqualTo(JobState.SUCCEEDED);
        });
  }

  @Test
  void shouldFailAJobOfAnUnknownType() {
    Job queued = submit("mystery");

    runner("a", reporting("done")).tick();

    assertThat(service.get(queued.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(service.get(queued.id()).error()).contains("no handler");
  }

  @Test
  void shouldRunJobsInTheOrderTheyWereQueued() {
    List<String> ran = new java.util.ArrayList<>();
    JobHandler recording = handler("test", false, (job, ctx) -> ran.add(job.id()));
    Job first = submit("test");
    clock.advance(Duration.ofMillis(5));
    Job second = submit("test");

    JobRunner runner = runner("a", recording);
    runner.tick();
    runner.tick();

    assertThat(ran).containsExactly(first.id(), second.id());
  }

  @Nested
  class WhenCancelling {

    @Test
    void shouldCancelAQueuedJobAtOnce() {
      Job queued = submit("test");

      Job cancelled = service.cancel(queued.id());

      assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
      assertThat(runner("a", reporting("done")).tick()).isFalse();
    }

    @Test
    void shouldStopARunningJobAtItsNextCheckpoint() {
      Job queued = submit("test");
      JobHandler cancelledMidway =
          handler(
              "test",
              false,
              (job, ctx) -> {
                ctx.total(3);
                ctx.item(new JobItem("1", "one", JobItem.DONE, null));
                service.cancel(job.id()); // as an admin would, from another request
                ctx.checkpoint();
                ctx.item(new JobItem("2", "two", JobItem.DONE, null));
              });

      runner("a", cancelledMidway).tick();

      Job job = service.get(queued.id());
      assertThat(job.state()).isEqualTo(JobState.CANCELLED);
      assertThat(job.done()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToCancelAFinishedJob() {
      Job queued = submit("test");
      runner("a", reporting("done")).tick();

      assertThatThrownBy(() -> service.cancel(queued.id()))
          .isInstanceOf(ProblemException.class)
          .extracting(e -> ((ProblemException) e).status())
          .isEqualTo(409);
    }
  }

  @Nested
  class WithSeveralInstances {

    @Test
    void shouldLeaveQueuedJobsToTheInstanceHoldingTheLease() {
      Job queued = submit("test");
      new Leases(mongo).acquire(JobRunner.LEASE, "other", LEASE, clock.instant());

      assertThat(runner("a", reporting("done")).tick()).isFalse();
      assertThat(service.get(queued.id()).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void shouldFailAJobLeftRunningByADeadInstanceOnceItsLeaseExpired() {
      Job queued = submit("test");
      leaveRunningByDeadInstance();

      clock.advance(Duration.ofSeconds(10));
      assertThat(runner("b", reporting("done")).tick()).isFalse();
      assertThat(service.get(queued.id()).state()).isEqualTo(JobState.RUNNING);

      clock.advance(LEASE);
      runner("b", reporting("done")).tick();

      Job job = service.get(queued.id());
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.error()).isEqualTo(JobRunner.INTERRUPTED);
      assertThat(job.finishedAt()).isNotNull();
    }

    @Test
    void shouldStartARestartableJobOverWhenItsRunnerDied() {
      Job queued = submit("test");
      leaveRunningByDeadInstance();
      clock.advance(LEASE.plusSeconds(1));
      JobHandler restartable =
          handler(
              "test",
              true,
              (job, ctx) -> {
                ctx.total(1);
                ctx.item(new JobItem("1", "one", JobItem.DONE, null));
              });

      runner("b", restartable).tick();

      Job job = service.get(queued.id());
      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.items()).hasSize(1);
      assertThat(job.attempts()).isEqualTo(2);
    }

    @Test
    void shouldStopAJobWhoseInstanceLostTheLeaseToAnother() {
      Job queued = submit("test");
      AtomicReference<Throwable> seen = new AtomicReference<>();
      JobHandler stalled =
          handler(
              "test",
              false,
              (job, ctx) -> {
                ctx.total(2);
                ctx.item(new JobItem("1", "one", JobItem.DONE, null));
                // This instance stalls past its lease; another one takes over meanwhile.
                clock.advance(LEASE.plusSeconds(1));
                runner("b", reporting()).tick();
                try {
                  ctx.item(new JobItem("2", "two", JobItem.DONE, null));
                } catch (JobCancelledException e) {
                  seen.set(e);
                  throw e;
                }
              });

      runner("a", stalled).tick();

      assertThat(seen.get()).isInstanceOf(JobCancelledException.class);
      Job job = service.get(queued.id());
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.error()).isEqualTo(JobRunner.INTERRUPTED);
      assertThat(job.done()).isEqualTo(1);
    }

    private void leaveRunningByDeadInstance() {
      new Leases(mongo).acquire(JobRunner.LEASE, "dead", LEASE, clock.instant());
      repository.claimNext("dead", clock.instant());
    }
  }

  @Test
  void shouldKeepTheLeaseWhileAJobRunsLongerThanTheLease() {
    Job queued = submit("test");
    AtomicReference<Boolean> otherGotIt = new AtomicReference<>();
    JobHandler slow =
        handler(
            "test",
            false,
            (job, ctx) -> {
              for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofSeconds(20)); // each step well inside the lease
                ctx.checkpoint();
              }
              otherGotIt.set(runner("b", reporting()).tick());
            });

    runner("a", slow).tick();

    assertThat(otherGotIt.get()).isFalse();
    assertThat(service.get(queued.id()).state()).isEqualTo(JobState.SUCCEEDED);
  }

  /** Whatever the state a job ends in, its handler cleans up after it exactly where it ended. */
  @Nested
  class WhenAJobEnds {

    private final List<String> ended = new java.util.ArrayList<>();

    private JobHandler cleaning(Work work) {
      JobHandler inner = handler("test", false, work);
      return new JobHandler() {
        @Override
        public String type() {
          return "test";
        }

        @Override
        public void run(Job job, JobContext context) throws Exception {
          inner.run(job, context);
        }

        @Override
        public void ended(Job job) {
          ended.add(job.id() + " " + job.state().id());
        }
      };
    }

    @Test
    void shouldCleanUpAfterAJobThatRan() {
      Job queued = submit("test");

      runner("a", cleaning((job, ctx) -> {})).tick();

      assertThat(ended).containsExactly(queued.id() + " " + JobState.SUCCEEDED.id());
    }

    @Test
    void shouldCleanUpAfterAJobThatFailed() {
      Job queued = submit("test");

      runner(
              "a",
              cleaning(
                  (job, ctx) -> {
                    throw new IllegalStateException("broken");
                  }))
          .tick();

      assertThat(ended).containsExactly(queued.id() + " " + JobState.FAILED.id());
    }

    @Test
    void shouldCleanUpAfterAQueuedJobCancelledBeforeItRan() {
      JobService withHandlers =
          new JobService(repository, clock, List.of(cleaning((job, ctx) -> {})));
      Job queued = submit("test");

      withHandlers.cancel(queued.id());

      assertThat(ended).containsExactly(queued.id() + " " + JobState.CANCELLED.id());
    }

    @Test
    void shouldLeaveCleaningUpARunningJobCancelledToItsRunner() {
      JobHandler handler = cleaning((job, ctx) -> {});
      JobService withHandlers = new JobService(repository, clock, List.of(handler));
      Job queued = submit("test");
      repository.claimNext("a", clock.instant());

      withHandlers.cancel(queued.id());

      assertThat(ended).isEmpty();
    }

    @Test
    void shouldCleanUpAfterAJobFailedBecauseItsInstanceDied() {
      Job queued = submit("test");
      new Leases(mongo).acquire(JobRunner.LEASE, "dead", LEASE, clock.instant());
      repository.claimNext("dead", clock.instant());
      clock.advance(LEASE.plusSeconds(1));

      runner("b", cleaning((job, ctx) -> {})).tick();

      assertThat(ended).containsExactly(queued.id() + " " + JobState.FAILED.id());
    }
  }
}
