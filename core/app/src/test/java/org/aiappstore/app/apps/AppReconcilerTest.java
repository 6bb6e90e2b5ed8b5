package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppReconcilerTest {

  private static final Duration GRACE = Duration.ofMinutes(15);

  private TestingMongo mongo;
  private MutableClock clock;
  private InMemoryDeploymentBackend backend;
  private AppRepository apps;
  private AppReconciler reconciler;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    backend = new InMemoryDeploymentBackend(clock);
    apps = new AppRepository(mongo);
    FakeAppBackends backends =
        new FakeAppBackends()
            .add("emissary", backend, DeploymentCapability.LIST_MANAGED)
            .add("blind", new InMemoryDeploymentBackend(clock));
    reconciler = new AppReconciler(apps, backends, clock, GRACE);
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private App record(String id, AppState state) {
    App app = TestApps.app(id).port(80).state(state).at(clock.instant()).build();
    apps.insert(app);
    return app;
  }

  @Test
  void shouldMarkAnActiveAppWhoseObjectsVanishedAsLost() {
    record("gone", AppState.ACTIVE);
    clock.advance(Duration.ofSeconds(1));

    AppReconciler.Outcome outcome = reconciler.run();

    assertThat(outcome.lost()).isEqualTo(1);
    assertThat(apps.findById("gone").orElseThrow().state()).isEqualTo(AppState.LOST);
  }

  @Test
  void shouldNotMarkAnAppLostThatBecameActiveAfterTheListing() {
    App app = record("fresh", AppState.CREATING);
    // Its create finishes while the backend is being listed: recorded as active "later".
    AppBackends racing =
        new FakeAppBackends()
            .add(
                "emissary",
                new InMemoryDeploymentBackend(clock) {
                  @Override
                  public synchronized java.util.List<
                          org.aiappstore.plugin.api.deployment.ManagedApp>
                      listManaged() {
                    var listed = super.listManaged();
                    clock.advance(Duration.ofSeconds(1));
                    AppReconcilerTest.this.apps.compareAndSet(
                        app.withState(AppState.ACTIVE, clock.instant()), 1);
                    return listed;
                  }
                },
                DeploymentCapability.LIST_MANAGED);

    new AppReconciler(apps, racing, clock, GRACE).run();

    assertThat(apps.findById("fresh").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
  }

  @Test
  void shouldMarkALostAppActiveAgainOnceItsObjectsAreBack() {
    record("back", AppState.LOST);
    backend.addUnknown("back", clock.instant());

    reconciler.run();

    assertThat(apps.findById("back").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
  }

  @Test
  void shouldDeleteOrphansOnlyOnceTheyAreOlderThanTheGracePeriod() {
    backend.addUnknown("young", clock.instant().minus(GRACE).plusSeconds(1));
    backend.addUnknown("old", clock.instant().minus(GRACE).minusSeconds(1));

    AppReconciler.Outcome outcome = reconciler.run();

    assertThat(outcome.orphansDeleted()).isEqualTo(1);
    assertThat(backend.apps).containsOnlyKeys("young");
  }

  @Test
  void shouldNeverDeleteTheAppOfAnotherConnectorListedFromTheSameNamespace() {
    // Two connectors of one plugin in one namespace: each lists the other's objects too.
    AppBackends sharing =
        new FakeAppBackends()
            .add("emissary", backend, DeploymentCapability.LIST_MANAGED)
            .add("emissary-team-b", backend, DeploymentCapability.LIST_MANAGED);
    App theirs =
        TestApps.app("theirs").backend("emissary-team-b").port(80).at(clock.instant()).build();
    apps.insert(theirs);
    backend.addUnknown("theirs", clock.instant());
    backend.addUnknown("orphan", clock.instant());
    clock.advance(GRACE.plusMinutes(1));

    AppReconciler.Outcome outcome = new AppReconciler(apps, sharing, clock, GRACE).run();

    assertSoftly(
        s -> {
          s.assertThat(outcome.orphansDeleted()).isEqualTo(1);
          s.assertThat(backend.apps).containsOnlyKeys("theirs");
          s.assertThat(apps.findById("theirs").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
        });
  }

  @Test
  void shouldNeverDeleteAnAppThatIsBeingCreatedWhateverItsAge() {
    record("inflight", AppState.CREATING);
    backend.addUnknown("inflight", clock.instant().minus(Duration.ofHours(2)));

    reconciler.run();

    assertThat(backend.apps).containsKey("inflight");
    assertThat(backend.deleted).isEmpty();
    assertThat(apps.findById("inflight").orElseThrow().state()).isEqualTo(AppState.CREATING);
  }

  @Test
  void shouldSettleAnAppStuckInCreatingAfterTheGracePeriodWithoutDeletingIt() {
    record("stuck", AppState.CREATING);
    backend.addUnknown("stuck", clock.instant());
    clock.advance(GRACE.plusMinutes(1));

    reconciler.run();

    assertThat(apps.findById("stuck").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
    assertThat(backend.deleted).isEmpty();
  }

  @Test
  void shouldLeaveOrphansWhoseDeletionStartedAlone() {
    backend.addUnknown("leaving", clock.instant().minus(Duration.ofHours(1)));
    backend.deletingIds.add("leaving");

    reconciler.run();

    assertThat(backend.deleted).isEmpty();
  }

  @Test
  void shouldFinishAnInterruptedDeleteOnlyAfterTheGracePeriod() {
    record("half", AppState.DELETING);
    backend.addUnknown("half", clock.instant());

    reconciler.run();
    assertThat(apps.findById("half")).isPresent();

    clock.advance(GRACE.plusSeconds(1));
    reconciler.run();

    assertThat(apps.findById("half")).isEmpty();
    assertThat(backend.apps).doesNotContainKey("half");
  }

  @Test
  void shouldSkipBackendsThatCannotListTheirApps() {
    App other = TestApps.app("elsewhere").backend("blind").port(80).at(clock.instant()).build();
    apps.insert(other);

    reconciler.run();

    assertThat(apps.findById("elsewhere").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
  }

  @Nested
  class WhenAPreviewOutlivesItsTimeToLive {

    private static final Duration TTL = Duration.ofHours(2);

    private App preview(String id, AppState state, String cardId) {
      App app = record(id, state);
      App placed = TestApps.from(app).card(cardId).version(app.version() + 1).build();
      apps.compareAndSet(placed, app.version());
      backend.addUnknown(id, app.createdAt());
      return placed;
    }

    @Test
    void shouldDeleteAnExpiredPreviewAndAnOrphanButKeepYoungPreviewsAndDemos() {
      preview("expired", AppState.ACTIVE, null);
      preview("demo", AppState.ACTIVE, "card-1");
      preview("stuck", AppState.CREATING, null);
      clock.advance(TTL.minusMinutes(30));
      preview("young", AppState.ACTIVE, null);
      backend.addUnknown("orphan", clock.instant().minus(GRACE).minusSeconds(1));
      clock.advance(Duration.ofMinutes(30));

      AppReconciler.Outcome outcome =
          new AppReconciler(apps, backendsOf(backend), clock, GRACE, TTL).run();

      assertSoftly(
          s -> {
            s.assertThat(outcome.previewsExpired()).isEqualTo(1);
            s.assertThat(outcome.orphansDeleted()).isEqualTo(1);
            s.assertThat(apps.findById("expired")).isEmpty();
            s.assertThat(backend.apps).doesNotContainKeys("expired", "orphan");
            s.assertThat(backend.apps).containsKeys("demo", "young", "stuck");
            s.assertThat(apps.findById("young").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
            s.assertThat(apps.findById("demo").orElseThrow().state()).isEqualTo(AppState.ACTIVE);
          });
    }

    @Test
    void shouldKeepAPreviewOneSecondBeforeItExpires() {
      preview("almost", AppState.LOST, null);
      clock.advance(TTL.minusSeconds(1));

      new AppReconciler(apps, backendsOf(backend), clock, GRACE, TTL).run();

      assertThat(apps.findById("almost")).isPresent();
      clock.advance(Duration.ofSeconds(1));
      new AppReconciler(apps, backendsOf(backend), clock, GRACE, TTL).run();
      assertThat(apps.findById("almost")).isEmpty();
    }

    @Test
    void shouldExpirePreviewsOfABackendThatCannotListItsApps() {
      InMemoryDeploymentBackend blind = new InMemoryDeploymentBackend(clock);
      App app = record("blind-preview", AppState.ACTIVE);
      App onBlind =
          TestApps.from(app).card(null).backend("blind").version(app.version() + 1).build();
      apps.compareAndSet(onBlind, app.version());
      blind.addUnknown("blind-preview", app.createdAt());
      clock.advance(TTL);

      new AppReconciler(apps, new FakeAppBackends().add("blind", blind), clock, GRACE, TTL).run();

      assertThat(apps.findById("blind-preview")).isEmpty();
      assertThat(blind.apps).isEmpty();
    }

    private AppBackends backendsOf(InMemoryDeploymentBackend listed) {
      return new FakeAppBackends().add("emissary", listed, DeploymentCapability.LIST_MANAGED);
    }
  }
}
