package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardDemoAppsTest {

  private static final Caller OWNER =
      new Caller("u-owner", "owner", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller OTHER =
      new Caller("u-other", "other", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller ADMIN =
      new Caller(
          "u-admin", "admin", Set.of("user", "admin"), Caller.Credential.session("s-1"), null);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private TestingMongo mongo;
  private AppRepository apps;
  private CardDemoApps demos;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    apps = new AppRepository(mongo);
    demos = new CardDemoApps(apps, new AppQuotas(1, 0));
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private App stored(String id, String cardId, AppState state) {
    App app =
        TestApps.app(id)
            .card(cardId)
            .owner("u-owner")
            .state(state)
            .url("https://apps.example.com/apps/app-" + id + "/")
            .at(NOW)
            .version(3)
            .build();
    apps.insert(app);
    return app;
  }

  @Test
  void shouldLetTheOwnerOrAnAdminPublishTheirPreviewOnly() {
    stored("preview", null, AppState.ACTIVE);
    stored("taken", "card-2", AppState.ACTIVE);
    stored("going", null, AppState.DELETING);

    assertThat(demos.problem(OWNER, "card-1", "u-owner", "preview")).isEmpty();
    assertThat(demos.problem(ADMIN, "card-1", "u-owner", "preview")).isEmpty();
    assertThat(demos.problem(OTHER, "card-1", "u-owner", "preview"))
        .contains("is not an app you manage");
    assertThat(demos.problem(OWNER, "card-1", "u-owner", "nosuchapp"))
        .contains("is not an app you manage");
    assertThat(demos.problem(OWNER, "card-1", "u-owner", "taken"))
        .contains("is already the demo of another card");
    assertThat(demos.problem(OWNER, "card-2", "u-owner", "taken")).isEmpty();
    assertThat(demos.problem(OWNER, "card-1", "u-owner", "going")).contains("is being deleted");
  }

  @Test
  void shouldRefuseToPublishAnAppStillBeingCreated() {
    stored("starting", null, AppState.CREATING);

    assertThat(demos.problem(OWNER, "card-1", "u-owner", "starting"))
        .contains("is still being created; publish it once it is running");
  }

  @Test
  void shouldNotAttachAnAppStillBeingCreatedSoItsCreateCanFinish() {
    App before = stored("starting", null, AppState.CREATING);

    demos.attach("card-1", "u-owner", "starting");

    assertThat(apps.findById("starting").orElseThrow()).isEqualTo(before);
  }

  @Test
  void shouldCountAnAppPublishedOnSomeoneElsesCardAgainstTheCardOwnersQuota() {
    stored("preview", null, AppState.ACTIVE);
    apps.insert(TestApps.app("other-app").owner("u-full").at(NOW).build());

    assertThatThrownBy(() -> demos.problem(ADMIN, "card-1", "u-full", "preview"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("APP_QUOTA_EXCEEDED");
              assertThat(e.getMessage()).startsWith("The card's owner has 1 of 1 apps");
            });
    assertThat(demos.problem(ADMIN, "card-1", "u-roomy", "preview")).isEmpty();
    assertThat(demos.problem(OWNER, "card-1", "u-owner", "preview"))
        .as("the owner's own app counts already")
        .isEmpty();
  }

  @Test
  void shouldAttachThePreviewToTheCardKeepingWhatRuns() {
    App before = stored("preview", null, AppState.ACTIVE);

    demos.attach("card-1", "u-card-owner", "preview");

    App after = apps.findById("preview").orElseThrow();
    assertThat(after.cardId()).isEqualTo("card-1");
    assertThat(after.ownerId()).isEqualTo("u-card-owner");
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.url()).isEqualTo(before.url());
    assertThat(after.state()).isEqualTo(AppState.ACTIVE);
  }

  @Test
  void shouldNotTakeAnAppAnotherCardAttachedMeanwhile() {
    stored("taken", "card-2", AppState.ACTIVE);

    demos.attach("card-1", "u-owner", "taken");

    assertThat(apps.findById("taken").orElseThrow().cardId()).isEqualTo("card-2");
  }
}
