package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A card's apps go with the card to its new owner, within the new owner's quotas. */
class CardAppHandoverTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private TestingMongo mongo;
  private AppRepository apps;
  private final MutableClock clock = new MutableClock(NOW);
  private CardAppHandover handover;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    apps = new AppRepository(mongo);
    handover = new CardAppHandover(apps, new AppQuotas(2, 0), clock);
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private App stored(String id, String cardId, String ownerId, AppState state) {
    App app =
        TestApps.app(id)
            .card(cardId)
            .owner(ownerId)
            .state(state)
            .url("https://apps.example.com/apps/app-" + id + "/")
            .at(Instant.EPOCH)
            .version(3)
            .build();
    apps.insert(app);
    return app;
  }

  @Nested
  class WhenChecking {

    @Test
    void shouldLetTheAppsGoWhileTheNewOwnerHasRoom() {
      stored("demo", "card-1", "u-alice", AppState.ACTIVE);
      stored("bobs", null, "u-bob", AppState.ACTIVE);

      assertThatCode(() -> handover.checkHandOver("card-1", "u-bob", "bob"))
          .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseWhenTheAppsWouldTakeTheNewOwnerOverTheQuota() {
      stored("demo", "card-1", "u-alice", AppState.ACTIVE);
      stored("bobs-1", null, "u-bob", AppState.ACTIVE);
      stored("bobs-2", "card-9", "u-bob", AppState.ACTIVE);

      assertThatThrownBy(() -> handover.checkHandOver("card-1", "u-bob", "bob"))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("APP_QUOTA_EXCEEDED");
                assertThat(e.getMessage()).startsWith("bob has 2 of 2 apps");
              });
    }

    @Test
    void shouldNotCountAnAppBeingDeleted() {
      stored("going", "card-1", "u-alice", AppState.DELETING);
      stored("bobs-1", null, "u-bob", AppState.ACTIVE);
      stored("bobs-2", null, "u-bob", AppState.ACTIVE);

      assertThatCode(() -> handover.checkHandOver("card-1", "u-bob", "bob"))
          .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseWhileAnAppIsStillBeingCreated() {
      stored("new", "card-1", "u-alice", AppState.CREATING);

      assertThatThrownBy(() -> handover.checkHandOver("card-1", "u-bob", "bob"))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.code()).isEqualTo("APP_BUSY"));
    }
  }

  @Test
  void shouldGiveEveryAppOfTheCardToTheNewOwnerKeepingWhatRuns() {
    App before = stored("demo", "card-1", "u-alice", AppState.ACTIVE);
    stored("other", "card-2", "u-alice", AppState.ACTIVE);

    assertThat(handover.handOver("card-1", "u-bob")).containsExactly("demo");

    App after = apps.findById("demo").orElseThrow();
    assertThat(after.ownerId()).isEqualTo("u-bob");
    assertThat(after.cardId()).isEqualTo("card-1");
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.updatedAt()).isEqualTo(NOW);
    assertThat(after.url()).isEqualTo(before.url());
    assertThat(after.state()).isEqualTo(AppState.ACTIVE);
    assertThat(apps.findById("other").orElseThrow().ownerId()).isEqualTo("u-alice");
  }
}
