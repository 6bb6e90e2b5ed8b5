package org.aiappstore.app.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aiappstore.app.apps.AppRepository;
import org.aiappstore.app.audit.RecordingAuditor;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.session.RefreshTokenStore;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.DraftStore;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserAdministrationTest {

  private static final String PASSWORD = "a sufficiently long passphrase";

  private final TestingMongo mongo = new TestingMongo();
  private final UserAdministration administration = new UserAdministration();
  private final UserRepository users = new UserRepository(mongo);
  private final RefreshTokenStore refreshTokens =
      new RefreshTokenStore(mongo, Duration.ofDays(1), Clock.systemUTC());
  private final PersonalTokenStore personalTokens = new PersonalTokenStore(mongo);
  private final RecordingAuditor auditor = new RecordingAuditor();
  private final DraftStore drafts = new DraftStore(mongo);

  UserAdministrationTest() {
    administration.users = users;
    administration.adminSetLock = new AdminSetLock(mongo);
    administration.hasher = new FastHasher();
    administration.policy = new PasswordPolicy();
    administration.refreshTokens = refreshTokens;
    administration.personalTokens = personalTokens;
    administration.auditor = auditor;
    administration.cards = new CardRepository(mongo);
    administration.apps = new AppRepository(mongo);
    administration.drafts = drafts;
  }

  /** PBKDF2 at full strength is slow; these tests are about the guards, not hashing. */
  static class FastHasher extends PasswordHasher {
    @Override
    public String hash(String password) {
      return "plain:" + password;
    }
  }

  @AfterEach
  void close() {
    mongo.close();
  }

  private User create(String username, String... roles) {
    return administration.create(
        new NewUser(username, "Name " + username, null, List.of(roles), PASSWORD));
  }

  private static UserChanges disable() {
    return new UserChanges(
        Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.of(true));
  }

  @Nested
  class WhenCreating {

    @Test
    void shouldGiveEveryAdminTheUserRoleToo() {
      assertThat(create("root1", "admin").roles()).containsExactlyInAnyOrder("admin", "user");
    }

    @Test
    void shouldRefuseAUsernameTakenInAnyCase() {
      create("Alice", "user");
      assertThatThrownBy(() -> create("ALICE", "user"))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("USERNAME_TAKEN");
                assertThat(e.errors().get(0).pointer()).isEqualTo("/username");
              });
    }

    @Test
    void shouldReportEachInvalidFieldWithItsPointer() {
      assertThatThrownBy(
              () ->
                  administration.create(
                      new NewUser("x", " ", "no-email", List.of("root"), "short")))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e ->
                  assertThat(e.errors())
                      .extracting(f -> f.pointer())
                      .contains("/username", "/displayName", "/email", "/roles", "/password"));
    }
  }

  @Nested
  class GuardingTheAdmins {

    @Test
    void shouldNotLetAnAdminDisableThemselves() {
      User admin = create("root1", "admin");
      create("root2", "admin");
      assertThatThrownBy(() -> administration.update(admin.id(), admin.id(), disable()))
          .hasFieldOrPropertyWithValue("code", "SELF_CHANGE");
    }

    @Test
    void shouldNotLetAnAdminDemoteOrDeleteThemselves() {
      User admin = create("root1", "admin");
      create("root2", "admin");
      assertThatThrownBy(
              () ->
                  administration.update(
                      admin.id(), admin.id(), UserChanges.rolesOnly(Set.of("user"))))
          .hasFieldOrPropertyWithValue("code", "SELF_CHANGE");
      assertThatThrownBy(() -> administration.delete(admin.id(), admin.id()))
          .hasFieldOrPropertyWithValue("code", "SELF_CHANGE");
    }

    @Test
    void shouldKeepTheLastEnabledAdmin() {
      User last = create("root1", "admin");
      User other = create("plain", "user");
      String caller = other.id(); // whoever asks, the last admin stays
      assertThatThrownBy(() -> administration.update(caller, last.id(), disable()))
          .hasFieldOrPropertyWithValue("code", "LAST_ADMIN");
      assertThatThrownBy(
              () -> administration.update(caller, last.id(), UserChanges.rolesOnly(Set.of("user"))))
          .hasFieldOrPropertyWithValue("code", "LAST_ADMIN");
      assertThatThrownBy(() -> administration.delete(caller, last.id()))
          .hasFieldOrPropertyWithValue("code", "LAST_ADMIN");
      assertThat(users.findById(last.id()).orElseThrow().isEnabledAdmin()).isTrue();
    }

    @Test
    void shouldNotCountADisabledAdmin() {
      User first = create("root1", "admin");
      User second = create("root2", "admin");
      administration.update(first.id(), second.id(), disable());
      assertThatThrownBy(() -> administration.delete(second.id(), first.id()))
          .hasFieldOrPropertyWithValue("code", "LAST_ADMIN");
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentDemotionsOfTheLastTwoAdminsSucceed() throws Exception {
      for (int round = 0; round < 5; round++) {
        User a = create("a-" + round, "admin");
        User b = create("b-" + round, "admin");
        // Only a and b are admins in this round: demote earlier rounds' survivors first.
        users
            .search(new UserQuery(null, "admin", null, null, "createdAt", false, 0, 100))
            .items()
            .stream()
            .filter(v -> !v.id().equals(a.id()) && !v.id().equals(b.id()))
            .forEach(
                v ->
                    mongo
                        .database()
                        .getCollection("users")
                        .deleteOne(new org.bson.Document("_id", v.id())));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<String>> demotions =
            List.of(() -> demote(start, b.id(), a.id()), () -> demote(start, a.id(), b.id()));
        List<Future<String>> outcomes = new ArrayList<>();
        demotions.forEach(d -> outcomes.add(pool.submit(d)));
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(results).containsExactlyInAnyOrder("ok", "LAST_ADMIN");
        assertThat(users.countEnabledAdminsOtherThan("nobody")).isEqualTo(1);
      }
    }

    private String demote(CountDownLatch start, String caller, String target) throws Exception {
      start.await();
      try {
        administration.update(caller, target, UserChanges.rolesOnly(Set.of("user")));
        return "ok";
      } catch (ProblemException e) {
        return e.code();
      }
    }
  }

  @Nested
  class EndingSessions {

    @Test
    void shouldEndSessionsWhenDisablingAUser() {
      User admin = create("root1", "admin");
      User user = create("someone", "user");
      String refresh = refreshTokens.startFamily(user.id()).token();

      User disabled = administration.update(admin.id(), user.id(), disable());

      assertThat(disabled.sessionsNotBefore()).isNotNull();
      assertThatThrownBy(() -> refreshTokens.rotate(refresh))
          .isInstanceOf(RefreshTokenStore.RefusedException.class);
    }

    @Test
    void shouldKeepSessionsWhenOnlyTheDisplayNameChanges() throws Exception {
      User admin = create("root1", "admin");
      User user = create("someone", "user");
      String refresh = refreshTokens.startFamily(user.id()).token();

      User renamed =
          administration.update(
              admin.id(),
              user.id(),
              new UserChanges(
                  Optional.of("New Name"),
                  Optional.empty(),
                  false,
                  Optional.empty(),
                  Optional.empty()));

      assertThat(renamed.displayName()).isEqualTo("New Name");
      assertThat(renamed.sessionsNotBefore()).isNull();
      assertThat(refreshTokens.rotate(refresh).userId()).isEqualTo(user.id());
    }

    @Test
    void shouldEndSessionsOnAPasswordReset() {
      User user = create("someone", "user");
      String refresh = refreshTokens.startFamily(user.id()).token();
      administration.resetPassword(user.id(), "another long passphrase");
      assertThat(users.findById(user.id()).orElseThrow().passwordHash())
          .isEqualTo("plain:another long passphrase");
      assertThatThrownBy(() -> refreshTokens.rotate(refresh))
          .isInstanceOf(RefreshTokenStore.RefusedException.class);
    }

    @Test
    void shouldRevokeThePersonalTokensOnAPasswordResetAndAuditThat() {
      User user = create("someone", "user");
      User other = create("other", "user");
      String token = personalTokens.create(user.id(), "ci", PersonalTokenStore.WRITE, 30).token();
      String othersToken =
          personalTokens.create(other.id(), "ci", PersonalTokenStore.WRITE, 30).token();

      administration.resetPassword(user.id(), "another long passphrase");

      assertThat(personalTokens.validate(token)).isEmpty();
      assertThat(personalTokens.validate(othersToken)).isPresent();
      assertThat(auditor.entries())
          .containsExactly(
              new RecordingAuditor.Entry(
                  null, "auth.tokens_revoked", "user=" + user.id(), "success"));
    }
  }

  /** A user is deleted only once nothing of theirs would be left behind unreachable. */
  @Nested
  class WhenDeletingAnOwner {

    private void owns(String collection, String ownerId) {
      mongo
          .database()
          .getCollection(collection)
          .insertOne(
              new org.bson.Document("_id", java.util.UUID.randomUUID().toString())
                  .append("ownerId", ownerId)
                  .append("slug", java.util.UUID.randomUUID().toString()));
    }

    @Test
    void shouldRefuseToDeleteAUserWhoStillOwnsCardsOrAppsAndSayHowMany() {
      User admin = create("root", "admin");
      User alice = create("alice", "user");
      owns(CardRepository.COLLECTION, alice.id());
      owns(CardRepository.COLLECTION, alice.id());
      owns(AppRepository.COLLECTION, alice.id());

      assertThatThrownBy(() -> administration.delete(admin.id(), alice.id()))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("USER_OWNS_CONTENT");
                assertThat(e.getMessage())
                    .isEqualTo(
                        "alice still owns 2 cards and 1 app: hand the cards over to another user"
                            + " first (Admin → Cards, Change owner; their demo apps go with them)"
                            + " and delete what is left, or disable the user instead.");
              });
      assertThat(users.findById(alice.id())).isPresent();
    }

    @Test
    void shouldDeleteTheDraftsOfAUserWhoOwnsNothing() {
      User admin = create("root", "admin");
      User alice = create("alice", "user");
      drafts.save(alice.id(), "new", "{}", java.time.Instant.now());
      drafts.save(admin.id(), "new", "{}", java.time.Instant.now());

      administration.delete(admin.id(), alice.id());

      assertThat(users.findById(alice.id())).isEmpty();
      assertThat(drafts.find(alice.id(), "new")).isEmpty();
      assertThat(drafts.find(admin.id(), "new")).isPresent();
    }
  }
}
