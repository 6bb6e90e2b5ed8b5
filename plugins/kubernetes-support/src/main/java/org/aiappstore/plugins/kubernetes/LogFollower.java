package org.aiappstore.plugins.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Delivers an app's log lines to a {@link LogListener}, once or following, as the deployment SPI
 * promises: each line once and in order per container, across reconnects.
 *
 * <p>Following reads each chosen container with one stream; when a stream ends (the container
 * restarted, the connection dropped, or the server does not hold streams open) it reconnects with
 * {@code sinceTime} set to the last line's time, truncated to the second as Kubernetes does, and
 * skips what it already delivered: every line older than the last one, and as many lines of the
 * last one's instant as were delivered with the same text. Reconnects back off from {@link
 * Settings#reconnectDelay()} to {@link Settings#maxReconnectDelay()} while nothing new arrives.
 * Without a chosen pod, the app's pods are listed every {@link Settings#podPollInterval()}: a new
 * pod is read from its start. A deleted app ends the subscription with NOT_FOUND.
 *
 * <p>Listener calls are serialized under one lock, and {@link #close()} takes it, so no line is
 * delivered once {@code close()} returns. Lines longer than {@link Settings#maxLineLength()}
 * characters are cut.
 */
public final class LogFollower implements LogSubscription {

  private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());
  private static final ThreadLocal<LogFollower> CURRENT = new ThreadLocal<>();

  /**
   * Timing and limits of following.
   *
   * @param reconnectDelay the first delay before reconnecting an ended stream
   * @param maxReconnectDelay the longest delay while streams bring nothing new
   * @param podPollInterval how often the app's pods are listed
   * @param maxLineLength lines are cut after this many characters
   * @param stopTimeout how long {@link #close()} waits for reading threads to stop
   */
  public record Settings(
      Duration reconnectDelay,
      Duration maxReconnectDelay,
      Duration podPollInterval,
      int maxLineLength,
      Duration stopTimeout) {

    /** One second to reconnect, up to five; pods listed every two seconds; lines cut at 16 KiB. */
    public static final Settings DEFAULTS =
        new Settings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            16 * 1024,
            Duration.ofSeconds(5));
  }

  private final PodLogSource source;
  private final LogRequest request;
  private final String defaultContainer;
  private final LogListener listener;
  private final ExecutorService executor;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<LogFollower> onFinish;

  private final Object lock = new Object();
  private volatile boolean open = true;
  private boolean finished;
  private final Object sleeper = new Object();
  private final Set<Future<?>> tasks = ConcurrentHashMap.newKeySet();
  private final Set<PodLogSource.LogStream> streams = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> targets = new ConcurrentHashMap<>();

  private LogFollower(
      PodLogSource source,
      LogRequest request,
      String defaultContainer,
      LogListener listener,
      ExecutorService executor,
      Settings settings,
      Clock clock,
      Consumer<LogFollower> onFinish) {
    this.source = source;
    this.request = request;
    this.defaultContainer = defaultContainer;
    this.listener = listener;
    this.executor = executor;
    this.settings = settings;
    this.clock = clock;
    this.onFinish = onFinish;
  }

  /**
   * Checks the request against the app's pods and starts delivering on the executor.
   *
   * @param source the app's logs
   * @param request which lines
   * @param defaultContainer the container read when the request names none and a pod has it
   * @param listener receives the lines
   * @param executor runs the reading threads (one per followed container, plus one)
   * @param settings timing and limits
   * @param clock the clock
   * @param onFinish called once when the subscription has ended, e.g. to unregister it
   * @return the running subscription
   * @throws PlatformException NOT_FOUND if the app, the chosen pod or the chosen container does not
   *     exist
   */
  public static LogFollower start(
      PodLogSource source,
      LogRequest request,
      String defaultContainer,
      LogListener listener,
      ExecutorService executor,
      Settings settings,
      Clock clock,
      Consumer<LogFollower> onFinish) {
    Objects.requireNonNull(listener, "listener");
    List<PodLogSource.PodInfo> pods = source.pods();
    if (request.pod() != null && pods.stream().noneMatch(pod -> pod.name().equals(request.pod()))) {
      throw PlatformException.notFound("The app has no pod '" + request.pod() + "'");
    }
    if (request.container() != null
        && pods.stream()
            .filter(pod -> request.pod() == null || pod.name().equals(request.pod()))
            .noneMatch(pod -> pod.containers().contains(request.container()))) {
      throw PlatformException.notFound(
          "The app's pods have no container '" + request.container() + "'");
    }
    LogFollower follower =
        new LogFollower(
            source, request, defaultContainer, listener, executor, settings, clock, onFinish);
    follower.submit(() -> follower.supervise(pods));
    return follower;
  }

  @Override
  public boolean isOpen() {
    synchronized (lock) {
      return open && !finished;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      open = false;
    }
    if (CURRENT.get() == this) {
      // Called by the listener from a delivery: end after that delivery returns.
      submit(this::stopAndEnd);
      return;
    }
    stopAndEnd();
  }

  private void stopAndEnd() {
    stopReading();
    finish(listener::onEnd);
  }

  private void supervise(List<PodLogSource.PodInfo> initialPods) {
    try {
      if (!request.follow()) {
        readOnce(initialPods);
        finish(listener::onEnd);
        return;
      }
      List<PodLogSource.PodInfo> pods = initialPods;
      boolean initial = true;
      while (open) {
        List<PodLogSource.PodInfo> chosen =
            pods.stream()
                .filter(pod -> request.pod() == null || pod.name().equals(request.pod()))
                .toList();
        if (request.pod() != null && chosen.isEmpty()) {
          finish(listener::onEnd);
          return;
        }
        for (PodLogSource.PodInfo pod : chosen) {
          String container = containerOf(pod);
          if (container != null
              && targets.putIfAbsent(pod.name() + "/" + container, true) == null) {
            Instant since = initial ? request.since() : pod.createdAt();
            Integer tail = initial ? request.tailLines() : null;
            submit(() -> follow(pod.name(), container, since, tail));
          }
        }
        initial = false;
        if (!pause(settings.podPollInterval())) {
          return;
        }
        pods = listPods();
        if (pods == null) {
          return;
        }
      }
    } catch (PlatformException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new PlatformException(PlatformErrors.INTERNAL, "Reading the logs failed", e));
    }
  }

  /** The pods now, or null if the subscription ended (closed, or failed with NOT_FOUND). */
  private List<PodLogSource.PodInfo> listPods() {
    while (open) {
      try {
        return source.pods();
      } catch (PlatformException e) {
        if (e.errorCode().equals(PlatformErrors.NOT_FOUND) || !e.retryable()) {
          fail(e);
          return null;
        }
        LOG.log(Level.FINE, "Listing pods failed, retrying", e);
        if (!pause(settings.maxReconnectDelay())) {
          return null;
        }
      }
    }
    return null;
  }

  private void readOnce(List<PodLogSource.PodInfo> pods) {
    List<PodLogSource.PodInfo> ordered = new ArrayList<>(pods);
    ordered.sort(
        Comparator.comparing(
            PodLogSource.PodInfo::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
    for (PodLogSource.PodInfo pod : ordered) {
      if (!open || request.pod() != null && !pod.name().equals(request.pod())) {
        continue;
      }
      String container = containerOf(pod);
      if (container == null) {
        continue;
      }
      try (PodLogSource.LogStream stream =
          register(
              source.open(pod.name(), container, request.since(), request.tailLines(), false))) {
        read(stream.input(), pod.name(), container, new Dedup());
      } catch (PodLogSource.NotRunningException e) {
        // A pod still starting has no log yet: say so once, and read the others.
        note(pod.name(), container, "Pod " + pod.name() + " is not running yet: " + e.getMessage());
      } catch (PlatformException e) {
        if (!e.errorCode().equals(PlatformErrors.NOT_FOUND)) {
          throw e;
        }
      } catch (IOException e) {
        if (open) {
          throw PlatformException.unavailable("The log stream of pod " + pod.name() + " broke", e);
        }
      } finally {
        unregisterAll();
      }
    }
  }

  private void follow(String pod, String container, Instant initialSince, Integer initialTail) {
    Dedup dedup = new Dedup();
    Instant startedAt = clock.instant();
    boolean connected = false;
    Duration delay = settings.reconnectDelay();
    while (open) {
      Instant since;
      Integer tail;
      if (!connected) {
        since = initialSince;
        tail = initialTail;
      } else if (dedup.last != null) {
        since = dedup.last.truncatedTo(ChronoUnit.SECONDS);
        tail = null;
      } else {
        since = initialSince != null && initialSince.isAfter(startedAt) ? initialSince : startedAt;
        tail = null;
      }
      int before = dedup.delivered;
      PodLogSource.LogStream stream = null;
      try {
        stream = register(source.open(pod, container, since, tail, true));
        connected = true;
        read(stream.input(), pod, container, dedup);
      } catch (PlatformException e) {
        if (e.errorCode().equals(PlatformErrors.NOT_FOUND)) {
          targets.remove(pod + "/" + container);
          return;
        }
        LOG.log(Level.FINE, "Log stream of " + pod + "/" + container + " failed", e);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "Log stream of " + pod + "/" + container + " broke", e);
      } finally {
        if (stream != null) {
          streams.remove(stream);
          stream.close();
        }
      }
      delay =
          dedup.delivered > before
              ? settings.reconnectDelay()
              : min(delay.multipliedBy(2), settings.maxReconnectDelay());
      if (!pause(delay)) {
        return;
      }
    }
  }

  private void read(InputStream input, String pod, String container, Dedup dedup)
      throws IOException {
    Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8);
    dedup.reconnected();
    StringBuilder line = new StringBuilder();
    boolean cut = false;
    char[] buffer = new char[8192];
    int n;
    while (open && (n = reader.read(buffer)) >= 0) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
          deliver(pod, container, line, cut, dedup);
          line.setLength(0);
          cut = false;
        } else if (line.length() < settings.maxLineLength() + 40) {
          line.append(c);
        } else {
          cut = true;
        }
      }
    }
    if (open && line.length() > 0) {
      deliver(pod, container, line, cut, dedup);
    }
  }

  private void deliver(String pod, String container, StringBuilder raw, boolean cut, Dedup dedup) {
    int length = raw.length();
    if (length > 0 && raw.charAt(length - 1) == '\r') {
      raw.setLength(length - 1);
    }
    String text = raw.toString();
    Instant timestamp = null;
    int space = text.indexOf(' ');
    if (space > 0) {
      try {
        timestamp = Instant.parse(text.substring(0, space));
        text = text.substring(space + 1);
      } catch (DateTimeParseException e) {
        timestamp = null;
      }
    }
    if (cut || text.length() > settings.maxLineLength()) {
      text = text.substring(0, Math.min(text.length(), settings.maxLineLength())) + "…";
    }
    if (!dedup.isNew(timestamp, text)) {
      return;
    }
    boolean listenerFailed = false;
    synchronized (lock) {
      if (!open || finished) {
        return;
      }
      try {
        listener.onLine(pod, container, text, timestamp);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A log listener failed; closing its subscription", e);
        open = false;
        listenerFailed = true;
      }
    }
    if (listenerFailed) {
      submit(this::stopAndEnd);
    }
  }

  /** A line of the backend's own about a container, without a timestamp. */
  private void note(String pod, String container, String text) {
    synchronized (lock) {
      if (!open || finished) {
        return;
      }
      try {
        listener.onLine(pod, container, text, null);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A log listener failed; closing its subscription", e);
        open = false;
      }
    }
  }

  private String containerOf(PodLogSource.PodInfo pod) {
    if (request.container() != null) {
      return pod.containers().contains(request.container()) ? request.container() : null;
    }
    if (pod.containers().contains(defaultContainer)) {
      return defaultContainer;
    }
    return pod.containers().isEmpty() ? null : pod.containers().get(0);
  }

  private void fail(PlatformException e) {
    synchronized (lock) {
      open = false;
    }
    finish(() -> listener.onError(e));
    stopReading();
  }

  private void finish(Runnable last) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
      open = false;
    }
    try {
      last.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A log listener failed at the end of its subscription", e);
    } finally {
      onFinish.accept(this);
    }
  }

  private void stopReading() {
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    unregisterAll();
    for (Future<?> task : tasks) {
      task.cancel(true);
    }
    if (CURRENT.get() == this) {
      return;
    }
    long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
    for (Future<?> task : tasks) {
      while (!task.isDone() && System.nanoTime() < deadline) {
        synchronized (sleeper) {
          try {
            sleeper.wait(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private boolean pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (sleeper) {
      while (open) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        try {
          sleeper.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  private PodLogSource.LogStream register(PodLogSource.LogStream stream) {
    streams.add(stream);
    if (!open) {
      streams.remove(stream);
      stream.close();
      throw PlatformException.notFound("closed");
    }
    return stream;
  }

  private void unregisterAll() {
    for (PodLogSource.LogStream stream : List.copyOf(streams)) {
      streams.remove(stream);
      try {
        stream.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Closing a log stream failed", e);
      }
    }
  }

  private void submit(Runnable task) {
    try {
      Future<?>[] self = new Future<?>[1];
      Runnable wrapped =
          () -> {
            CURRENT.set(this);
            try {
              task.run();
            } finally {
              CURRENT.remove();
            }
          };
      self[0] = executor.submit(wrapped);
      tasks.add(self[0]);
      tasks.removeIf(Future::isDone);
    } catch (RejectedExecutionException e) {
      fail(PlatformException.unavailable("The backend is closing", e));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** What one container's reader has delivered: the last instant and the texts seen at it. */
  private static final class Dedup {
    private Instant last;
    private final Map<String, Integer> seenAtLast = new HashMap<>();
    private Map<String, Integer> replay = Map.of();
    private int delivered;

    /** A new connection starts: lines of the last instant may come again, once each. */
    void reconnected() {
      replay = new HashMap<>(seenAtLast);
    }

    boolean isNew(Instant timestamp, String text) {
      if (timestamp == null || last == null || timestamp.isAfter(last)) {
        if (timestamp != null) {
          if (last == null || timestamp.isAfter(last)) {
            seenAtLast.clear();
            replay = Map.of();
          }
          last = timestamp;
          seenAtLast.merge(text, 1, Integer::sum);
        }
        delivered++;
        return true;
      }
      if (timestamp.isBefore(last)) {
        return false;
      }
      Integer pending = replay.get(text);
      if (pending != null && pending > 0) {
        replay.put(text, pending - 1);
        return false;
      }
      seenAtLast.merge(text, 1, Integer::sum);
      delivered++;
      return true;
    }
  }
}
