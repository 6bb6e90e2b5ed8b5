package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.audit.RecordingAuditor;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.token.TestingAccessTokens;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.persistence.TestingMongo;
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
            null));
  }

  /** PBKDF2 at full strength is slow, and these tests are about the check's surroundings. */
  static class CountingHasher extends PasswordHasher {

    /** How many passwords were checked. */
    final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(String password) {
      return "plain:" + password;
    }

    @Override
    public boolean verify(String password, String stored) {
      verifications.incrementAndGet();
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

  @Nested
  class WhenChangingTheOwnPassword {

    @Test
    void shouldRevokeThePersonalTokensMadeBeforeAndAuditThat() {
      String token = personalTokens.create(alice.id(), "ci", PersonalTokenStore.WRITE, 30).token();
      String bobs = personalTokens.create("u-2", "ci", PersonalTokenStore.WRITE, 30).token();

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
    void shouldKeepTheTokensWhenTheCurrentPasswordIsWrong() {
      String token = personalTokens.create(alice.id(), "ci", PersonalTokenStore.READ, 30).token();

      assertThatThrownBy(() -> sessions.changePassword(alice.id(), "not it", NEW_PASSWORD))
          .hasFieldOrPropertyWithValue("code", "WRONG_PASSWORD");

      assertThat(personalTokens.validate(token)).isPresent();
      assertThat(auditor.entries()).isEmpty();
    }

    @Test
    void shouldAuditNoRevocationWhenThereWereNoTokens() {
      sessions.changePassword(alice.id(), PASSWORD, NEW_PASSWORD);

      assertThat(auditor.entries()).isEmpty();
    }
  }
}
