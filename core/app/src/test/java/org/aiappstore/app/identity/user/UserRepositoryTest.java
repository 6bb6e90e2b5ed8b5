package org.aiappstore.app.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserRepositoryTest {

  private final TestingMongo mongo = new TestingMongo();
  private final UserRepository users = new UserRepository(mongo);

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
}
