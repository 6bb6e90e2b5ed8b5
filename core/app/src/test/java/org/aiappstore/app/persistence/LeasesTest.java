package org.aiappstore.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeasesTest {

  private static final Duration TTL = Duration.ofMinutes(3);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private TestingMongo mongo;
  private Leases first;
  private Leases second;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    // Two replicas sharing one database.
    first = new Leases(mongo);
    second = new Leases(mongo);
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  @Test
  void shouldGrantALeaseToOneHolderAtATime() {
    assertThat(first.acquire("reconciler", "a", TTL, T0)).isTrue();
    assertThat(second.acquire("reconciler", "b", TTL, T0.plusSeconds(1))).isFalse();
  }

  @Test
  void shouldLetTheHolderRenewItsLease() {
    first.acquire("reconciler", "a", TTL, T0);

    assertThat(first.acquire("reconciler", "a", TTL, T0.plus(TTL).minusSeconds(1))).isTrue();
    assertThat(second.acquire("reconciler", "b", TTL, T0.plus(TTL).plusSeconds(1))).isFalse();
  }

  @Test
  void shouldHandTheLeaseOverOnceItExpired() {
    first.acquire("reconciler", "a", TTL, T0);

    assertThat(second.acquire("reconciler", "b", TTL, T0.plus(TTL))).isTrue();
    assertThat(first.acquire("reconciler", "a", TTL, T0.plus(TTL).plusSeconds(1))).isFalse();
  }

  @Test
  void shouldFreeAReleasedLeaseAtOnce() {
    first.acquire("reconciler", "a", TTL, T0);
    first.release("reconciler", "a");

    assertThat(second.acquire("reconciler", "b", TTL, T0.plusSeconds(1))).isTrue();
  }

  @Test
  void shouldLetOnlyOneOfTwoReplicasRacingForANewLeaseWin() throws Exception {
    for (int round = 0; round < 20; round++) {
      String name = "race-" + round;
      var start = new java.util.concurrent.CountDownLatch(1);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> awaitThen(start, () -> first.acquire(name, "a", TTL, T0)));
        var b = pool.submit(() -> awaitThen(start, () -> second.acquire(name, "b", TTL, T0)));
        start.countDown();
        assertThat(a.get() ^ b.get()).as("exactly one winner in round " + round).isTrue();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static boolean awaitThen(
      java.util.concurrent.CountDownLatch start, java.util.function.BooleanSupplier work)
      throws InterruptedException {
    start.await();
    return work.getAsBoolean();
  }
}
