package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.audit.RecordingAuditor;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.token.TestingAccessTokens;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionServiceTest {

  private static final String PASSWORD = "the right passphrase";
  private static final String NEW_PASSWORD = "a brand new passphrase 9";

  private final TestingMongo mongo = new TestingMongo();
  private final UserRepository users = new UserRepository(mongo);
  private final PersonalTokenStore personalTokens = new PersonalTokenStore(mongo);
  private final RecordingAuditor auditor = new RecordingAuditor();
  private final CountingHasher hasher = new CountingHasher();
  private final SessionService sessions = new SessionService();
  private final User alice;

  SessionServiceTest() {
    sessions.users = users;
    sessions.hasher = hasher;
    sessions.policy = new PasswordPolicy();
    sessions.accessTokens = TestingAccessTokens.over(mongo);
    sessions.refreshTokens = new RefreshTokenStore(mongo, Duration.ofDays(1), Clock.systemUTC());
    sessions.throttle = new LoginThrottle(mongo, 5, 20, Duration.ofMinutes(15), new MutableClock());
    sessions.personalTokens = personalTokens;
    sessions.auditor = auditor;
    alice = insertUser("u-1", "alice");
  }

  private User insertUser(String id, String username) {
    Instant now = Instant.now();
    return users.insert(
        new User(
            id,
            username,
            "Name " + username,
            null,
            Set.of("user"),
            hasher.hash(PASSWORD),
            false,
            now,
            now,
            0,
            null,
            null,
            null,
            null));
  }

  /**
   * PBKDF2 at full strength is slow, and these tests are about the check's surroundings. Counts the
   * checks; with a gate, each check first waits until every attempt of a test has either reached a
   * check or been refused, so attempts in parallel all overlap with the slow part as they would in
   * production.
   */
  static class CountingHasher extends PasswordHasher {

    /** How many passwords were checked. */
    final AtomicInteger verifications = new AtomicInteger();

    volatile CountDownLatch gate;

    @Override
    public String hash(String password) {
      return "plain:" + password;
    }

    @Override
    public boolean verify(String password, String stored) {
      verifications.incrementAndGet();
      CountDownLatch waiting = gate;
      if (waiting != null) {
        waiting.countDown();
        try {
          waiting.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ("plain:" + password).equals(stored);
    }

    @Override
    public void verifyAgainstDummy(String password) {
      verify(password, null);
    }
  }

  @AfterEach
  void close() {
    mongo.close();
  }

  /**
   * Runs the attempts all at once, each on its own thread, through the gate; answers the status of
   * each refusal (200 for none).
   */
  private List<Integer> inParallel(List<Callable<?>> attempts) throws Exception {
    CountDownLatch decided = new CountDownLatch(attempts.size());
    hasher.gate = decided;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
    try {
      List<Future<Integer>> outcomes = new ArrayList<>();
      for (Callable<?> attempt : attempts) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    attempt.call();
                    return 200;
                  } catch (ProblemException e) {
                    if (e.status() == 429) {
                      decided.countDown();
                    }
                    return e.status();
                  }
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> outcome : outcomes) {
        statuses.add(outcome.get(30, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
      hasher.gate = null;
    }
  }

  private static ProblemException thrownBy(Runnable action) {
    try {
      action.run();
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("no problem was thrown");
  }

  @Nested
  class WhenSigningIn {

    @Test
    void shouldLetOnlyTheLimitOfParallelWrongPasswordsReachTheCheck() throws Exception {
      List<Callable<?>> guesses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String guess = "guess " + i;
        String address = "10.0.0." + i;
        guesses.add(() -> sessions.login("alice", guess, address));
      }

      List<Integer> statuses = inParallel(guesses);

      assertSoftly(
          softly -> {
            softly.assertThat(hasher.verifications).hasValue(5);
            softly.assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
            softly.assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
          });
    }
  }

  @Nested
  class WhenChangingTheOwnPassword {

    @Test
    void shouldRevokeThePersonalTokensMadeBeforeOnceThePasswordIsChangedAndAuditThat() {
      String token = personalTokens.create(alice.id(), "ci", PersonalTokenStore.WRITE, 30).token();
      String bobs = personalTokens.create("u-2", "ci", PersonalTokenStore.WRITE, 30).token();
      thrownBy(() -> sessions.changePassword(alice.id(), "not it", NEW_PASSWORD));
      assertThat(personalTokens.validate(token)).as("after a wrong password").isPresent();

      sessions.changePassword(alice.id(), PASSWORD, NEW_PASSWORD);

      assertThat(personalTokens.validate(token)).isEmpty();
      assertThat(personalTokens.list(alice.id())).isEmpty();
      assertThat(personalTokens.validate(bobs)).isPresent();
      assertThat(auditor.entries())
          .containsExactly(
              new RecordingAuditor.Entry(
                  null, "auth.tokens_revoked", "user=" + alice.id(), "success"));
    }

    @Test
    void shouldRefuseTheCheckOnceTheAccountIsOverItsLimitEvenWithTheRightPassword() {
      for (int i = 0; i < 5; i++) {
        String guess = "guess " + i;
        assertThat(thrownBy(() -> sessions.changePassword(alice.id(), guess, NEW_PASSWORD)).code())
            .isEqualTo("WRONG_PASSWORD");
      }

      ProblemException refused =
          thrownBy(() -> sessions.changePassword(alice.id(), PASSWORD, NEW_PASSWORD));

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
      assertThat(refused.headers()).containsKey("Retry-After");
      assertThat(hasher.verifications).hasValue(5);
    }

    @Test
    void shouldLetOnlyTheLimitOfParallelWrongPasswordsReachTheCheck() throws Exception {
      List<Callable<?>> guesses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String guess = "guess " + i;
        guesses.add(() -> sessions.changePassword(alice.id(), guess, NEW_PASSWORD));
      }

      List<Integer> statuses = inParallel(guesses);

      assertSoftly(
          softly -> {
            softly.assertThat(hasher.verifications).hasValue(5);
            softly.assertThat(statuses).filteredOn(s -> s == 422).hasSize(5);
            softly.assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
          });
    }

    @Test
    void shouldForgiveWrongPasswordsOnTheRightOneAndCountAfreshFromThere() {
      for (int i = 0; i < 4; i++) {
        String guess = "guess " + i;
        thrownBy(() -> sessions.changePassword(alice.id(), guess, NEW_PASSWORD));
      }
      sessions.changePassword(alice.id(), PASSWORD, NEW_PASSWORD);

      for (int i = 0; i < 5; i++) {
        String guess = "again " + i;
        assertThat(thrownBy(() -> sessions.changePassword(alice.id(), guess, PASSWORD)).code())
            .as("wrong password %d after the right one", i + 1)
            .isEqualTo("WRONG_PASSWORD");
      }
      assertThat(thrownBy(() -> sessions.changePassword(alice.id(), NEW_PASSWORD, PASSWORD)).code())
          .isEqualTo("TOO_MANY_ATTEMPTS");
    }

    @Test
    void shouldCountWrongPasswordsAgainstTheAccountsSignInsToo() {
      for (int i = 0; i < 5; i++) {
        String guess = "guess " + i;
        thrownBy(() -> sessions.changePassword(alice.id(), guess, NEW_PASSWORD));
      }

      assertThat(thrownBy(() -> sessions.login("alice", PASSWORD, "10.0.0.1")).status())
          .isEqualTo(429);
    }
  }
}
