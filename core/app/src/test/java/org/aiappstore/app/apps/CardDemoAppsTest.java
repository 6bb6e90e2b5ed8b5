package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.persistence.TestingMongo;
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
    demos = new CardDemoApps(apps);
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

    assertThat(demos.problem(OWNER, "card-1", "preview")).isEmpty();
    assertThat(demos.problem(ADMIN, "card-1", "preview")).isEmpty();
    assertThat(demos.problem(OTHER, "card-1", "preview")).contains("is not an app you manage");
    assertThat(demos.problem(OWNER, "card-1", "nosuchapp")).contains("is not an app you manage");
    assertThat(demos.problem(OWNER, "card-1", "taken"))
        .contains("is already the demo of another card");
    assertThat(demos.problem(OWNER, "card-2", "taken")).isEmpty();
    assertThat(demos.problem(OWNER, "card-1", "going")).contains("is being deleted");
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
