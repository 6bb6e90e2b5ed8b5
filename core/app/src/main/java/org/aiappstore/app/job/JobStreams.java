package org.aiappstore.app.job;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.problem.ProblemException;

/**
 * Live progress of a job as Server-Sent Events: a {@code job} event with the whole job whenever it
 * changed (polled every {@link #POLL_MILLIS} ms from the database, so it works whichever replica
 * runs the job), then {@code end} once it reached a terminal state, and the stream closes. A
 * comment every 15 s keeps proxies from closing a quiet stream and reveals a client that left. The
 * caller's access is checked again as often: a stream whose admin was demoted or disabled meanwhile
 * ends with an {@code error} event.
 */
@ApplicationScoped
public class JobStreams {

  private static final Logger LOG = Logger.getLogger(JobStreams.class.getName());
  static final long POLL_MILLIS = 500;
  private static final long KEEP_ALIVE_MILLIS = 15_000;

  @Inject JobRepository jobs;
  @Resource ManagedScheduledExecutorService scheduler;

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  @PreDestroy
  void closeAll() {
    open.forEach(Stream::stop);
  }

  /** Follows the job; {@code accessCheck} throws a {@link ProblemException} once access ended. */
  public void follow(String jobId, SseEventSink sink, Sse sse, Runnable accessCheck) {
    Stream stream = new Stream(jobId, sink, sse, accessCheck);
    open.add(stream);
    stream.task =
        scheduler.scheduleWithFixedDelay(stream::tick, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private final class Stream {
    final String jobId;
    final SseEventSink sink;
    final Sse sse;
    final Runnable accessCheck;
    final AtomicBoolean done = new AtomicBoolean();
    volatile ScheduledFuture<?> task;
    long sentVersion = -1;
    long lastSent = System.currentTimeMillis();
    long lastAccessCheck = System.currentTimeMillis();

    Stream(String jobId, SseEventSink sink, Sse sse, Runnable accessCheck) {
      this.jobId = jobId;
      this.sink = sink;
      this.sse = sse;
      this.accessCheck = accessCheck;
    }

    /** Runs the access check every {@link #KEEP_ALIVE_MILLIS}; false once access ended. */
    boolean stillAllowed() {
      long now = System.currentTimeMillis();
      if (now - lastAccessCheck < KEEP_ALIVE_MILLIS) {
        return true;
      }
      lastAccessCheck = now;
      try {
        accessCheck.run();
        return true;
      } catch (ProblemException e) {
        send(
            "error",
            Json.createObjectBuilder()
                .add("code", e.code())
                .add("detail", e.getMessage())
                .build()
                .toString());
        stop();
        return false;
      }
    }

    void tick() {
      if (done.get()) {
        return;
      }
      if (sink.isClosed()) {
        stop();
        return;
      }
      try {
        if (!stillAllowed()) {
          return;
        }
        Optional<Job> job = jobs.find(jobId);
        if (job.isEmpty()) {
          send("end", "{\"state\":\"deleted\"}");
          stop();
          return;
        }
        if (job.get().version() != sentVersion) {
          sentVersion = job.get().version();
          send("job", JobJson.toJson(job.get()).toString());
        } else if (System.currentTimeMillis() - lastSent > KEEP_ALIVE_MILLIS) {
          sink.send(sse.newEventBuilder().comment("keep-alive").build());
          lastSent = System.currentTimeMillis();
        }
        if (job.get().state().terminal()) {
          send("end", "{\"state\":\"" + job.get().state().id() + "\"}");
          stop();
        }
      } catch (RuntimeException e) {
        stop();
      } catch (Error e) {
        // Escaping, it would cancel the schedule silently and leave the stream open for good.
        LOG.log(Level.WARNING, "A job's event stream failed; it is closed.", e);
        stop();
      }
    }

    void send(String name, String data) {
      lastSent = System.currentTimeMillis();
      sink.send(sse.newEventBuilder().name(name).data(data).build())
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  stop();
                }
              });
    }

    void stop() {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      open.remove(this);
      if (task != null) {
        task.cancel(false);
      }
      try {
        sink.close();
      } catch (RuntimeException e) {
        // the client is gone already
      }
    }
  }
}
