package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.deployment.testing.RecordingLogListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The follower against a fake source: what the mock server cannot show (streams held open, a
 * blocking read interrupted by close, container restarts mid-stream) plus the deduplication rules
 * at second precision.
 */
class LogFollowerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final LogFollower.Settings FAST =
      new LogFollower.Settings(
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofMillis(50),
          64,
          Duration.ofSeconds(2));
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeLogSource source = new FakeLogSource();
  private final AtomicInteger finished = new AtomicInteger();

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
  }

  private LogSubscription start(LogRequest request, LogListener listener) {
    return LogFollower.start(
        source,
        request,
        "app",
        listener,
        executor,
        FAST,
        Clock.systemUTC(),
        follower -> finished.incrementAndGet());
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Nested
  class WhenReadingOnce {

    @Test
    void shouldDeliverTheTailOfEveryPodOldestFirstThenEnd() throws Exception {
      source.addPod("new", T0.plusSeconds(60), "app");
      source.addPod("old", T0, "app");
      for (int i = 1; i <= 3; i++) {
        source.append("old", "app", T0.plusSeconds(i), "old " + i);
        source.append("new", "app", T0.plusSeconds(60 + i), "new " + i);
      }
      RecordingLogListener listener = new RecordingLogListener();

      LogSubscription subscription = start(LogRequest.tail(2), listener);

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.texts()).containsExactly("old 2", "old 3", "new 2", "new 3");
      assertThat(listener.lines().get(0).timestamp()).isEqualTo(T0.plusSeconds(2));
      assertThat(listener.lines().get(0).pod()).isEqualTo("old");
      assertThat(listener.ended()).isTrue();
      assertThat(listener.finishes()).isEqualTo(1);
      assertThat(listener.breaches()).isEmpty();
      assertThat(subscription.isOpen()).isFalse();
      assertThat(eventually(() -> finished.get() == 1)).as("unregistered").isTrue();
    }

    @Test
    void shouldPreferTheAppContainerAndHonourAChosenOne() throws Exception {
      source.addPod("p", T0, "queue-proxy", "app");
      source.append("p", "app", T0, "from app");
      source.append("p", "queue-proxy", T0, "from proxy");
      RecordingLogListener app = new RecordingLogListener();
      RecordingLogListener proxy = new RecordingLogListener();

      start(LogRequest.tail(5), app);
      start(LogRequest.tail(5).withContainer("queue-proxy"), proxy);

      assertThat(app.awaitFinish(WAIT)).isTrue();
      assertThat(proxy.awaitFinish(WAIT)).isTrue();
      assertThat(app.texts()).containsExactly("from app");
      assertThat(proxy.texts()).containsExactly("from proxy");
    }

    @Test
    void shouldRefuseAnUnknownPodOrContainerBeforeDeliveringAnything() {
      source.addPod("p", T0, "app");
      RecordingLogListener listener = new RecordingLogListener();

      assertThatThrownBy(() -> start(LogRequest.tail(1).withPod("other"), listener))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_FOUND));
      assertThatThrownBy(() -> start(LogRequest.tail(1).withContainer("sidecar"), listener))
          .isInstanceOf(PlatformException.class);
      source.appExists = false;
      assertThatThrownBy(() -> start(LogRequest.tail(1), listener))
          .isInstanceOf(PlatformException.class);
      assertThat(listener.finishes()).isZero();
    }

    @Test
    void shouldSkipAPodStillStartingWithANoteAndReadTheOthers() throws Exception {
      source.addPod("old", T0, "app");
      source.addPod("new", T0.plusSeconds(60), "app");
      source.append("old", "app", T0.plusSeconds(1), "old 1");
      source.notRunning("new", "ContainerCreating");
      RecordingLogListener listener = new RecordingLogListener();

      start(LogRequest.tail(5), listener);

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.ended()).isTrue();
      assertThat(listener.texts())
          .containsExactly(
              "old 1",
              "Pod new is not running yet: container \"app\" in pod \"new\" is waiting to start:"
                  + " ContainerCreating");
      assertThat(listener.lines().get(1).pod()).isEqualTo("new");
      assertThat(listener.lines().get(1).timestamp()).isNull();
    }

    @Test
    void shouldCutLongLines() throws Exception {
      source.addPod("p", T0, "app");
      source.append("p", "app", T0, "x".repeat(500));
      RecordingLogListener listener = new RecordingLogListener();

      start(LogRequest.tail(1), listener);

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.texts()).containsExactly("x".repeat(64) + "…");
      assertThat(listener.lines().get(0).timestamp()).isEqualTo(T0);
    }
  }

  @Nested
  class WhenFollowing {

    @Test
    void shouldDeliverEachLineOnceAcrossReconnectsAtSecondPrecision() throws Exception {
      source.addPod("p", T0, "app");
      source.append("p", "app", T0.plusMillis(100), "a");
      source.append("p", "app", T0.plusMillis(200), "tick");
      RecordingLogListener listener = new RecordingLogListener();

      try (LogSubscription subscription = start(LogRequest.follow(10), listener)) {
        assertThat(listener.awaitLines(l -> l.size() == 2, WAIT)).isTrue();
        int opens = source.opens.get();
        assertThat(eventually(() -> source.opens.get() > opens + 2)).as("reconnected").isTrue();
        source.append("p", "app", T0.plusMillis(200), "tick");
        source.append("p", "app", T0.plusMillis(200), "tock");
        assertThat(listener.awaitLines(l -> l.size() == 4, WAIT)).isTrue();
        source.append("p", "app", T0.plusMillis(200), "tick");
        source.append("p", "app", T0.plusMillis(900), "b");
        source.append("p", "app", T0.plusSeconds(1), "c");
        assertThat(listener.awaitLines(l -> l.size() == 7, WAIT)).isTrue();
        int more = source.opens.get();
        assertThat(eventually(() -> source.opens.get() > more + 3)).as("reconnected").isTrue();
        assertThat(subscription.isOpen()).isTrue();
      }

      assertThat(listener.texts()).containsExactly("a", "tick", "tick", "tock", "tick", "b", "c");
      assertThat(listener.finishes()).isEqualTo(1);
      assertThat(listener.breaches()).isEmpty();
    }

    @Test
    void shouldContinueAfterAContainerRestart() throws Exception {
      source.holdOpen = true;
      source.addPod("p", T0, "app");
      source.append("p", "app", T0, "first run");
      RecordingLogListener listener = new RecordingLogListener();

      try (LogSubscription subscription = start(LogRequest.follow(10), listener)) {
        assertThat(listener.awaitLines(l -> l.size() == 1, WAIT)).isTrue();
        source.append("p", "app", T0.plusSeconds(1), "still first run");
        assertThat(listener.awaitLines(l -> l.size() == 2, WAIT)).as("pushed live").isTrue();

        source.endStreams();
        source.append("p", "app", T0.plusSeconds(5), "second run");

        assertThat(listener.awaitLines(l -> l.size() == 3, WAIT)).isTrue();
        assertThat(subscription.isOpen()).isTrue();
      }
      assertThat(listener.texts()).containsExactly("first run", "still first run", "second run");
    }

    @Test
    void shouldReadANewPodFromItsStart() throws Exception {
      source.addPod("old", T0, "app");
      source.append("old", "app", T0, "old line");
      RecordingLogListener listener = new RecordingLogListener();

      try (LogSubscription subscription = start(LogRequest.follow(0), listener)) {
        source.addPod("new", T0.plusSeconds(30), "app");
        source.append("new", "app", T0.plusSeconds(31), "new 1");
        source.append("new", "app", T0.plusSeconds(32), "new 2");

        assertThat(listener.awaitLines(l -> l.size() == 2, WAIT)).isTrue();
      }
      assertThat(listener.texts()).containsExactly("new 1", "new 2");
      assertThat(listener.lines()).allSatisfy(line -> assertThat(line.pod()).isEqualTo("new"));
    }

    @Test
    void shouldStopPromptlyWhenClosedDuringABlockingRead() throws Exception {
      source.holdOpen = true;
      source.addPod("p", T0, "app");
      source.append("p", "app", T0, "before");
      RecordingLogListener listener = new RecordingLogListener();
      LogSubscription subscription = start(LogRequest.follow(1), listener);
      assertThat(listener.awaitLines(l -> l.size() == 1, WAIT)).isTrue();

      long start = System.nanoTime();
      subscription.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(subscription.isOpen()).isFalse();
      assertThat(listener.ended()).isTrue();
      assertThat(source.openStreams()).isZero();
      source.append("p", "app", T0.plusSeconds(1), "after");
      listener.awaitLines(l -> false, Duration.ofMillis(200));
      assertThat(listener.texts()).containsExactly("before");
      subscription.close();
      assertThat(listener.finishes()).isEqualTo(1);
      assertThat(listener.breaches()).isEmpty();
      assertThat(finished).hasValue(1);
    }

    @Test
    void shouldEndWithNotFoundWhenTheAppIsDeleted() throws Exception {
      source.addPod("p", T0, "app");
      RecordingLogListener listener = new RecordingLogListener();
      start(LogRequest.follow(0), listener);

      source.appExists = false;
      source.removePod("p");

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.error().errorCode()).isEqualTo(PlatformErrors.NOT_FOUND);
      assertThat(listener.finishes()).isEqualTo(1);
    }

    @Test
    void shouldEndWhenTheChosenPodIsGone() throws Exception {
      source.addPod("p", T0, "app");
      source.addPod("q", T0, "app");
      RecordingLogListener listener = new RecordingLogListener();
      start(LogRequest.follow(0).withPod("p"), listener);

      source.removePod("p");

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.ended()).isTrue();
    }

    @Test
    void shouldLetTheListenerCloseWithoutOverlappingCalls() throws Exception {
      source.addPod("p", T0, "app");
      source.append("p", "app", T0, "one");
      source.append("p", "app", T0.plusSeconds(1), "two");
      AtomicReference<LogSubscription> self = new AtomicReference<>();
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      RecordingLogListener recorder = new RecordingLogListener();
      LogListener closing =
          new LogListener() {
            @Override
            public void onLine(String pod, String container, String line, Instant timestamp) {
              enter();
              while (self.get() == null) {
                Thread.onSpinWait();
              }
              recorder.onLine(pod, container, line, timestamp);
              self.get().close();
              inside.decrementAndGet();
            }

            @Override
            public void onEnd() {
              enter();
              recorder.onEnd();
              inside.decrementAndGet();
            }

            @Override
            public void onError(PlatformException error) {
              enter();
              recorder.onError(error);
              inside.decrementAndGet();
            }

            private void enter() {
              if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
            }
          };

      self.set(start(LogRequest.follow(10), closing));

      assertThat(recorder.awaitFinish(WAIT)).isTrue();
      assertThat(recorder.texts()).containsExactly("one");
      assertThat(recorder.ended()).isTrue();
      assertThat(overlaps).hasValue(0);
    }

    @Test
    void shouldCloseWhenTheListenerFails() throws Exception {
      source.addPod("p", T0, "app");
      source.append("p", "app", T0, "one");
      source.append("p", "app", T0.plusSeconds(1), "two");
      AtomicInteger lines = new AtomicInteger();
      RecordingLogListener recorder = new RecordingLogListener();
      LogListener failing =
          new LogListener() {
            @Override
            public void onLine(String pod, String container, String line, Instant timestamp) {
              lines.incrementAndGet();
              throw new IllegalStateException("reader gone");
            }

            @Override
            public void onEnd() {
              recorder.onEnd();
            }

            @Override
            public void onError(PlatformException error) {
              recorder.onError(error);
            }
          };

      LogSubscription subscription = start(LogRequest.follow(10), failing);

      assertThat(recorder.awaitFinish(WAIT)).isTrue();
      assertThat(lines).hasValue(1);
      assertThat(subscription.isOpen()).isFalse();
      assertThat(List.of(recorder.ended())).containsExactly(true);
    }
  }
}
