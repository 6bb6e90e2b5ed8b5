package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final TestingMongo mongo = new TestingMongo();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void close() {
    mongo.close();
  }

  /** A throttle of one replica; every replica shares the database, and nothing else. */
  private LoginThrottle replica(int accountLimit, int addressLimit) {
    return new LoginThrottle(mongo, accountLimit, addressLimit, WINDOW, clock);
  }

  private static void assertRefused(Runnable attempt, long retryAfterSeconds) {
    assertThatThrownBy(attempt::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("TOO_MANY_ATTEMPTS");
              assertThat(e.headers())
                  .containsEntry("Retry-After", String.valueOf(retryAfterSeconds));
            });
  }

  @Test
  void shouldRefuseUntilTheFailureThatFilledTheAccountLeavesTheWindow() {
    LoginThrottle throttle = replica(5, 100);
    for (int i = 0; i < 5; i++) {
      throttle.reserve("alice", "10.0.0.1");
      clock.advance(Duration.ofMinutes(1));
    }

    assertRefused(() -> throttle.reserve("alice", "10.0.0.2"), 10 * 60 + 1);

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(throttle.reserve("alice", "10.0.0.2").usernameKey()).isEqualTo("alice");
  }

  @Test
  void shouldCountAnAddressOverEveryAccountItTries() {
    LoginThrottle throttle = replica(5, 20);
    for (int i = 0; i < 20; i++) {
      throttle.reserve("user-" + i, "10.0.0.1");
    }

    assertRefused(() -> throttle.reserve("admin", "10.0.0.1"), WINDOW.toSeconds() + 1);
    assertThat(throttle.reserve("admin", "10.0.0.2").address()).isEqualTo("10.0.0.2");
  }

  @Test
  void shouldNotCountARefusedAttempt() {
    LoginThrottle throttle = replica(1, 1);
    throttle.reserve("alice", "10.0.0.1");

    // Refused for the address: the account's place it took is given back.
    assertRefused(() -> throttle.reserve("bob", "10.0.0.1"), WINDOW.toSeconds() + 1);
    assertThat(throttle.reserve("bob", "10.0.0.2").usernameKey()).isEqualTo("bob");
  }

  @Nested
  class WhenThePasswordWasRight {

    @Test
    void shouldForgiveTheAccountsFailures() {
      LoginThrottle throttle = replica(3, 100);
      throttle.reserve("alice", "10.0.0.1");
      throttle.reserve("alice", "10.0.0.1");

      throttle.forgive(throttle.reserve("alice", "10.0.0.1"));

      for (int i = 0; i < 3; i++) {
        throttle.reserve("alice", "10.0.0.1");
      }
      assertRefused(() -> throttle.reserve("alice", "10.0.0.1"), WINDOW.toSeconds() + 1);
    }

    @Test
    void shouldGiveBackItsPlaceAtTheAddressButKeepTheAddresssFailures() {
      LoginThrottle throttle = replica(100, 3);
      throttle.reserve("x", "10.0.0.1");
      throttle.reserve("y", "10.0.0.1");

      throttle.forgive(throttle.reserve("alice", "10.0.0.1"));

      throttle.reserve("z", "10.0.0.1");
      assertRefused(() -> throttle.reserve("w", "10.0.0.1"), WINDOW.toSeconds() + 1);
    }
  }

  @Nested
  class WhenAttemptsArriveAtOnce {

    @Test
    void shouldAdmitNoMoreThanTheLimitOverSeveralReplicas() throws Exception {
      List<LoginThrottle> replicas = List.of(replica(5, 100), replica(5, 100), replica(5, 100));
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        LoginThrottle throttle = replicas.get(i % replicas.size());
        String address = "10.0.1." + i;
        attempts.add(() -> admitted(() -> throttle.reserve("alice", address)));
      }

      assertThat(inParallel(attempts)).filteredOn(admitted -> admitted).hasSize(5);
    }

    @Test
    void shouldAdmitNoMoreThanTheLimitFromOneAddress() throws Exception {
      LoginThrottle throttle = replica(100, 20);
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String username = "user-" + i;
        attempts.add(() -> admitted(() -> throttle.reserve(username, "10.0.0.1")));
      }

      assertThat(inParallel(attempts)).filteredOn(admitted -> admitted).hasSize(20);
    }

    private static boolean admitted(Runnable attempt) {
      try {
        attempt.run();
        return true;
      } catch (ProblemException e) {
        assertThat(e.status()).isEqualTo(429);
        return false;
      }
    }

    private static List<Boolean> inParallel(List<Callable<Boolean>> attempts) throws Exception {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
      try {
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (Callable<Boolean> attempt : attempts) {
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return attempt.call();
                  }));
        }
        start.countDown();
        List<Boolean> admitted = new ArrayList<>();
        for (Future<Boolean> outcome : outcomes) {
          admitted.add(outcome.get(30, TimeUnit.SECONDS));
        }
        return admitted;
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
