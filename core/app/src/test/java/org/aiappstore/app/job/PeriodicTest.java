package org.aiappstore.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Logger log = Logger.getAnonymousLogger();

  PeriodicTest() {
    log.setUseParentHandlers(false);
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void shouldRunAgainAfterARunThatThrowsAnError() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch threeRuns = new CountDownLatch(3);
    Periodic periodic =
        Periodic.start(
            scheduler,
            "Test task",
            Duration.ZERO,
            Duration.ofMillis(1),
            log,
            () -> {
              threeRuns.countDown();
              switch (runs.incrementAndGet()) {
                case 1 -> throw new StackOverflowError();
                case 2 -> throw new IllegalStateException("down");
                default -> {
                  // runs normally
                }
              }
            });

    assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
    periodic.stop();
  }
}
