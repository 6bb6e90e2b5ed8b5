package org.aiappstore.app.apps;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Server-Sent Event streams of apps. No stream holds a thread while it waits: log lines are pushed
 * from the backend's reader thread, status is polled by a shared scheduler, and a heartbeat comment
 * every {@link #HEARTBEAT} both keeps proxies from closing an idle stream and finds out that the
 * client left (the write fails), which closes the log subscription or stops the polling.
 *
 * <p>Access is checked again while a stream runs (every status poll, every heartbeat of a log), not
 * only when it opens: a stream whose caller was disabled, lost the right or signed out everywhere
 * ends with an {@code error} event that is not retryable.
 */
@ApplicationScoped
public class AppStreams {

  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final Duration STATUS_POLL = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(AppStreams.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject AppSettings settings;

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  /** Open streams per user: each costs the backend work (polls, a followed log) until it closes. */
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

  @PreDestroy
  void closeAll() {
    open.forEach(Stream::stop);
  }

  /**
   * Streams log lines: {@code line} events, then {@code end} (or {@code error}); 429 when {@code
   * userId} has as many streams open as allowed. {@code accessCheck} throws a {@link
   * ProblemException} once the caller may no longer read the log.
   */
  public void logs(
      String userId,
      SseEventSink sink,
      Sse sse,
      Runnable accessCheck,
      Function<LogListener, LogSubscription> subscribe) {
    admit(userId);
    LogStream stream = new LogStream(userId, sink, sse, accessCheck);
    open.add(stream);
    try {
      stream.heartbeat =
          scheduler.scheduleWithFixedDelay(
              stream.guarded(stream::beat),
              HEARTBEAT.toMillis(),
              HEARTBEAT.toMillis(),
              TimeUnit.MILLISECONDS);
      stream.attach(subscribe.apply(stream));
    } catch (RuntimeException | Error e) {
      stream.abandon();
      throw e;
    }
  }

  /**
   * Streams {@code status} events whenever the polled status changes; {@code end} once {@code poll}
   * is empty (the app is gone or no longer visible), {@code error} when polling fails; 429 when
   * {@code userId} has as many streams open as allowed. {@code accessCheck} runs before each poll
   * and throws a {@link ProblemException} once the caller may no longer be served.
   */
  public void status(
      String userId,
      SseEventSink sink,
      Sse sse,
      Runnable accessCheck,
      Supplier<Optional<JsonObject>> poll) {
    admit(userId);
    StatusStream stream = new StatusStream(userId, sink, sse, accessCheck, poll);
    open.add(stream);
    try {
      stream.task =
          scheduler.scheduleWithFixedDelay(
              stream.guarded(stream::tick), 0, STATUS_POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException | Error e) {
      stream.abandon();
      throw e;
    }
  }

  /** Counts a stream of the user, or refuses it when they have as many as allowed. */
  private void admit(String userId) {
    int limit = settings.integer(ConfigKey.APPS_STREAMS_PER_USER);
    boolean[] admitted = {false};
    perUser.compute(
        userId,
        (user, count) -> {
          int current = count == null ? 0 : count;
          if (current >= limit) {
            return count;
          }
          admitted[0] = true;
          return current + 1;
        });
    if (!admitted[0]) {
      throw new ProblemException(
          429,
          "TOO_MANY_STREAMS",
          "You have "
              + limit
              + " app status or log streams open, the most allowed; close one (another tab or"
              + " window) first.");
    }
  }

  private void release(String userId) {
    perUser.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
  }

  /** Common plumbing: ordered sends, and one way out whoever closes first. */
  private abstract class Stream {
    final String userId;
    final SseEventSink sink;
    final Sse sse;
    final Runnable accessCheck;
    final AtomicBoolean done = new AtomicBoolean();
    volatile long lastSent = System.nanoTime();

    Stream(String userId, SseEventSink sink, Sse sse, Runnable accessCheck) {
      this.userId = userId;
      this.sink = sink;
      this.sse = sse;
      this.accessCheck = accessCheck;
    }

    /**
     * Whether the caller may still be served; if not, ends the stream with a last {@code error}. A
     * failure to find out (the database away for a moment) keeps the stream: the next check
     * decides.
     */
    boolean stillAllowed() {
      try {
        accessCheck.run();
        return true;
      } catch (ProblemException e) {
        finish(event("error", error(e.code(), e.getMessage(), false)));
        return false;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Checking an event stream's access failed; checking again later.", e);
        return true;
      }
    }

    /**
     * One of the stream's scheduled steps, made safe: anything escaping it (a plugin's linkage
     * error while polling, say) would cancel the schedule without a word and keep the stream's
     * place among the user's streams for good, so it ends the stream with a retryable {@code error}
     * instead.
     */
    Runnable guarded(Runnable step) {
      return () -> {
        try {
          step.run();
        } catch (Throwable e) {
          LOG.log(Level.WARNING, "An app's event stream failed; it is closed.", e);
          finish(event("error", error("INTERNAL", "The stream failed; open it again.", true)));
        }
      };
    }

    OutboundSseEvent event(String name, JsonObject data) {
      return sse.newEventBuilder().name(name).data(data.toString()).build();
    }

    // Not synchronized: stop() may close a log subscription, which waits for a running onLine
    // call, and that call may be waiting to send. The sink orders concurrent sends itself.
    void send(OutboundSseEvent event) {
      if (done.get()) {
        return;
      }
      if (sink.isClosed()) {
        stop();
        return;
      }
      lastSent = System.nanoTime();
      sink.send(event)
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  stop();
                }
              });
    }

    void heartbeat() {
      if (System.nanoTime() - lastSent >= HEARTBEAT.toNanos() - 500_000_000L) {
        send(sse.newEventBuilder().comment("keep-alive").build());
      }
    }

    /** Sends a last event and closes the stream, unless it is already over. */
    void finish(OutboundSseEvent last) {
      if (done.get()) {
        return;
      }
      if (!sink.isClosed()) {
        sink.send(last).whenComplete((ignored, failure) -> stop());
      } else {
        stop();
      }
    }

    void stop() {
      if (abandon()) {
        try {
          sink.close();
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "Closing an event stream failed.", e);
        }
      }
    }

    /**
     * Ends the stream's work and frees its place, but leaves the sink open: for a stream that
     * failed to open, whose request then answers the problem. Closing the sink first would complete
     * the response as an empty 200, which a client takes for a dropped stream and reconnects to.
     *
     * @return whether this call ended the stream (not someone before)
     */
    boolean abandon() {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      open.remove(this);
      release(userId);
      released();
      return true;
    }

    abstract void released();
  }

  private final class LogStream extends Stream implements LogListener {
    private volatile LogSubscription subscription;
    volatile ScheduledFuture<?> heartbeat;

    LogStream(String userId, SseEventSink sink, Sse sse, Runnable accessCheck) {
      super(userId, sink, sse, accessCheck);
    }

    /** Every {@link #HEARTBEAT}: the caller's access, then a keep-alive if the log was quiet. */
    void beat() {
      if (!done.get() && stillAllowed()) {
        heartbeat();
      }
    }

    void attach(LogSubscription opened) {
      subscription = opened;
      if (done.get()) {
        opened.close();
      }
    }

    @Override
    public void onLine(String pod, String container, String line, Instant timestamp) {
      send(event("line", AppJson.line(pod, container, line, timestamp)));
    }

    @Override
    public void onEnd() {
      finish(event("end", Json.createObjectBuilder().build()));
    }

    @Override
    public void onError(PlatformException error) {
      finish(event("error", error(error.errorCode().id(), error.getMessage(), error.retryable())));
    }

    @Override
    void released() {
      ScheduledFuture<?> beat = heartbeat;
      if (beat != null) {
        beat.cancel(false);
      }
      LogSubscription current = subscription;
      if (current != null) {
        current.close();
      }
    }
  }

  private final class StatusStream extends Stream {
    private final Supplier<Optional<JsonObject>> poll;
    private volatile ScheduledFuture<?> task;
    private String last;

    StatusStream(
        String userId,
        SseEventSink sink,
        Sse sse,
        Runnable accessCheck,
        Supplier<Optional<JsonObject>> poll) {
      super(userId, sink, sse, accessCheck);
      this.poll = poll;
    }

    void tick() {
      if (done.get()) {
        released();
        return;
      }
      if (sink.isClosed()) {
        stop();
        return;
      }
      if (!stillAllowed()) {
        return;
      }
      JsonObject next;
      String name = "status";
      try {
        Optional<JsonObject> polled = poll.get();
        if (polled.isEmpty()) {
          finish(event("end", Json.createObjectBuilder().build()));
          return;
        }
        next = polled.get();
      } catch (PlatformException e) {
        name = "error";
        next = error(e.errorCode().id(), e.getMessage(), e.retryable());
      } catch (ProblemException e) {
        name = "error";
        next = error(e.code(), e.getMessage(), false);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Polling an app's status failed.", e);
        name = "error";
        next = error("INTERNAL", "The status could not be read.", true);
      }
      String serialized = name + next;
      if (!serialized.equals(last)) {
        last = serialized;
        send(event(name, next));
      } else {
        heartbeat();
      }
    }

    @Override
    void released() {
      ScheduledFuture<?> current = task;
      if (current != null) {
        current.cancel(false);
      }
    }
  }

  private static JsonObject error(String code, String detail, boolean retryable) {
    return Json.createObjectBuilder()
        .add("code", code)
        .add("detail", detail == null ? "" : detail)
        .add("retryable", retryable)
        .build();
  }

  /** How many streams are open, for tests. */
  int openStreams() {
    return open.size();
  }
}
