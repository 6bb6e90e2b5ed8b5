package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedCallsTest {

  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final MutableClock clock = new MutableClock();
  private final List<String> recorded = new CopyOnWriteArrayList<>();
  private final GuardedCalls calls =
      new GuardedCalls(
          workers,
          clock,
          (connector, plugin, nanos, failed) ->
              recorded.add(connector + "/" + plugin + "/" + failed));
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void stopWorkers() {
    never.countDown();
    workers.shutdownNow();
  }

  @Test
  void shouldReturnTheResultOfAHealthyConnector() {
    assertThat(calls.call("s3", "data-s3", Duration.ofSeconds(1), () -> "ok")).isEqualTo("ok");
  }

  @Test
  void shouldRecordEveryCallWithItsPluginAndWhetherItFailed() {
    calls.call("s3", "data-s3", Duration.ofSeconds(1), () -> "ok");
    try {
      calls.call(
          "s3",
          "data-s3",
          Duration.ofSeconds(1),
          () -> {
            throw PlatformException.unavailable("down", null);
          });
    } catch (PlatformException expected) {
      // recorded as a failure
    }
    try {
      calls.call(
          "s3",
          "data-s3",
          Duration.ofSeconds(1),
          () -> {
            throw PlatformException.notFound("no such key");
          });
    } catch (PlatformException expected) {
      // the client's mistake: not a failure of the connector
    }

    assertThat(recorded).containsExactly("s3/data-s3/false", "s3/data-s3/true", "s3/data-s3/false");
  }

  @Test
  void shouldTurnAHangingCallIntoARetryable503WithinTheTimeout() {
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                calls.call(
                    "s3",
                    "data-s3",
                    Duration.ofMillis(200),
                    () -> {
                      never.await();
                      return "late";
                    }))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("'s3'").contains("200 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldPassTheConnectorsOwnErrorsThrough() {
    assertThatThrownBy(
            () ->
                calls.call(
                    "s3",
                    "data-s3",
                    Duration.ofSeconds(1),
                    () -> {
                      throw PlatformException.notFound("no such key");
                    }))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_FOUND));
  }

  @Test
  void shouldHideAPluginBugBehindA503() {
    assertThatThrownBy(
            () ->
                calls.call(
                    "s3",
                    "data-s3",
                    Duration.ofSeconds(1),
                    () -> {
                      throw new IllegalStateException("NullPointer somewhere inside");
                    }))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
              assertThat(e.getMessage()).doesNotContain("NullPointer");
            });
  }

  @Test
  void shouldStopCallingAConnectorAfterRepeatedFailuresAndTryAgainLater() {
    AtomicInteger attempts = new AtomicInteger();
    for (int i = 0; i < GuardedCalls.FAILURE_THRESHOLD; i++) {
      callFailing(attempts);
    }

    assertThatThrownBy(() -> callFailing(attempts)).hasMessageContaining("paused");
    assertThat(attempts).hasValue(GuardedCalls.FAILURE_THRESHOLD);
    assertThat(calls.circuitState("s3")).isEqualTo("OPEN");

    clock.advance(GuardedCalls.OPEN_FOR.plusSeconds(1));
    assertThat(calls.call("s3", "data-s3", Duration.ofSeconds(1), () -> "back")).isEqualTo("back");
    assertThat(calls.circuitState("s3")).isEqualTo("CLOSED");
  }

  @Test
  void shouldNotCountClientMistakesAsConnectorFailures() {
    for (int i = 0; i < GuardedCalls.FAILURE_THRESHOLD + 2; i++) {
      try {
        calls.call(
            "s3",
            "data-s3",
            Duration.ofSeconds(1),
            () -> {
              throw PlatformException.notFound("no such key");
            });
      } catch (PlatformException expected) {
        // each call reports the missing key
      }
    }

    assertThat(calls.circuitState("s3")).isEqualTo("CLOSED");
  }

  private void callFailing(AtomicInteger attempts) {
    try {
      calls.call(
          "s3",
          "data-s3",
          Duration.ofSeconds(1),
          () -> {
            attempts.incrementAndGet();
            throw PlatformException.unavailable("S3 is down", null);
          });
    } catch (PlatformException e) {
      if (e.getMessage().contains("paused")) {
        throw e;
      }
    }
  }
}
