package org.aiappstore.app.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserRepositoryTest {

  private final TestingMongo mongo = new TestingMongo();
  private final MutableClock clock = new MutableClock();
  private final UserRepository users = new UserRepository(mongo, clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  private User user(String username, String displayName) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return users.insert(
        new User(
            UUID.randomUUID().toString(),
            username,
            displayName,
            null,
            Set.of("user"),
            "h",
            false,
            now,
            now,
            0,
            null,
            null,
            null));
  }

  private UserQuery query(String q) {
    return new UserQuery(q, null, null, null, "username", false, 0, 20);
  }

  @Test
  void shouldMatchSearchTextLiterallyNotAsARegex() {
    user("alpha", "Alpha");
    user("a.star", "Has a.* in it");
    user("paren", "Open ( here");

    assertThat(users.search(query("a.*")).items())
        .extracting(UserView::username)
        .containsExactly("a.star");
    assertThat(users.search(query("(")).items())
        .extracting(UserView::username)
        .containsExactly("paren");
    assertThat(users.search(query("ALPH")).items())
        .extracting(UserView::username)
        .containsExactly("alpha");
  }

  @Test
  void shouldEscapeEveryMetacharacter() {
    assertThat(UserRepository.literalPattern("a.*(b)[c]{d}|e^$\\+?"))
        .isEqualTo("a\\.\\*\\(b\\)\\[c\\]\\{d\\}\\|e\\^\\$\\\\\\+\\?");
  }

  @Test
  void shouldWriteOnlyOverTheVersionItRead() {
    User stored = user("casey", "Casey");
    Instant later = Instant.parse("2026-01-02T00:00:00Z");

    assertThat(users.compareAndSet(stored.withDisabled(true, later))).isPresent();
    assertThat(users.compareAndSet(stored.withProfile("Stale", null, later))).isEmpty();
    assertThat(users.findById(stored.id()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void shouldPageAndCountTheMatches() {
    for (int i = 0; i < 5; i++) {
      user("pager-" + i, "Pager " + i);
    }
    UserPage page = users.search(new UserQuery("pager", null, null, null, "username", true, 1, 2));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.items()).extracting(UserView::username).containsExactly("pager-2", "pager-1");
  }

  /** The users authentication reads: recent, but never stale after a change made here. */
  @Nested
  class RecentlyRead {

    @Test
    void shouldSeeADisabledUserAtOnceWhenDisabledThroughThisServer() {
      User user = user("disable-me", "D");
      assertThat(users.findRecentById(user.id()))
          .hasValueSatisfying(u -> assertThat(u.disabled()).isFalse());

      users.compareAndSet(user.withDisabled(true, Instant.now())).orElseThrow();

      assertThat(users.findRecentById(user.id()))
          .hasValueSatisfying(u -> assertThat(u.disabled()).isTrue());
    }

    @Test
    void shouldSeeNewRolesAndADeletionAtOnce() {
      User user = user("demote-me", "D");
      User admin =
          users.compareAndSet(user.withRoles(Set.of("user", "admin"), Instant.now())).orElseThrow();
      assertThat(users.findRecentById(user.id()).orElseThrow().roles()).contains("admin");

      users.compareAndSet(admin.withRoles(Set.of("user"), Instant.now())).orElseThrow();
      assertThat(users.findRecentById(user.id()).orElseThrow().roles()).containsExactly("user");

      users.delete(user.id());
      assertThat(users.findRecentById(user.id())).isEmpty();
    }

    @Test
    void shouldSeeAChangeMadeByAnotherServerWithinTheTimeToLive() {
      UserRepository otherServer = new UserRepository(mongo, clock);
      User user = user("elsewhere", "E");
      assertThat(users.findRecentById(user.id()).orElseThrow().disabled()).isFalse();

      otherServer.compareAndSet(user.withDisabled(true, Instant.now())).orElseThrow();

      // Not yet seen here: the entry read before the change lives for at most the TTL.
      assertThat(users.findRecentById(user.id()).orElseThrow().disabled()).isFalse();
      clock.advance(RecentUsers.TTL);
      assertThat(users.findRecentById(user.id()).orElseThrow().disabled()).isTrue();
    }

    @Test
    void shouldNotKeepAReadThatRacedWithAChange() {
      RecentUsers recent = new RecentUsers(clock);
      User before = user("racer", "R");
      User after = before.withDisabled(true, Instant.now());

      // The read returns the old record, but the user changed while it ran.
      assertThat(
              recent.get(
                  before.id(),
                  id -> {
                    recent.changed(id);
                    return java.util.Optional.of(before);
                  }))
          .contains(before);

      assertThat(recent.get(before.id(), id -> java.util.Optional.of(after))).contains(after);
      clock.advance(Duration.ofMillis(10));
      assertThat(recent.get(before.id(), id -> java.util.Optional.of(before)))
          .as("the fresh read is kept for the TTL")
          .contains(after);
    }
  }
}
