package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppServiceTest {

  private static final String SECRET = "hf_secret-value-that-must-never-be-stored";
  private static final Caller OWNER =
      new Caller("u-owner", "owner", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller OTHER =
      new Caller("u-other", "other", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller ADMIN =
      new Caller(
          "u-admin", "admin", Set.of("user", "admin"), Caller.Credential.session("s-1"), null);

  private TestingMongo mongo;
  private MutableClock clock;
  private InMemoryDeploymentBackend backend;
  private AppRepository apps;
  private CardRepository cards;
  private AppService service;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    backend = new InMemoryDeploymentBackend(clock);
    apps = new AppRepository(mongo);
    cards = new CardRepository(mongo);
    FakeAppBackends backends =
        new FakeAppBackends()
            .add("emissary", backend, DeploymentCapability.LOGS, DeploymentCapability.LIST_MANAGED)
            .add("knative", backend, DeploymentCapability.SCALE_TO_ZERO, DeploymentCapability.GPU);
    service = new AppService(apps, cards, backends, new AppLimits("2", "4Gi", 1, 3), clock);
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private static JsonObject validApp() {
    return Json.createObjectBuilder()
        .add("backendId", "emissary")
        .add("image", "ghcr.io/acme/sentiment:1.2")
        .add("port", 7860)
        .add("env", Json.createObjectBuilder().add("MODEL_ID", "acme/sentiment"))
        .add("secretEnv", Json.createObjectBuilder().add("HF_TOKEN", SECRET))
        .build();
  }

  private static AppInput input(JsonObject json, boolean creating) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AppInput input = AppInput.parse(json, creating, errors);
    assertThat(errors).isEmpty();
    return input;
  }

  private static List<String> pointers(ProblemException e) {
    return e.errors().stream().map(Problem.FieldError::pointer).toList();
  }

  private ProblemException createFails(JsonObject json) {
    return (ProblemException)
        org.assertj.core.api.Assertions.catchThrowable(
            () -> service.create(OWNER, input(json, true)));
  }

  @Test
  void shouldListTheBackendsWithWhatTheyDeclareAndTheMaxima() {
    assertThat(service.backends())
        .extracting(AppService.BackendSummary::id, AppService.BackendSummary::capabilities)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "emissary", Set.of(DeploymentCapability.LOGS, DeploymentCapability.LIST_MANAGED)),
            org.assertj.core.groups.Tuple.tuple(
                "knative", Set.of(DeploymentCapability.SCALE_TO_ZERO, DeploymentCapability.GPU)));
    assertThat(service.limits().maxReplicas()).isEqualTo(3);
  }

  @Nested
  class WhenPreviewing {

    @Test
    void shouldRenderTheManifestsWithMaskedSecretsAndRecordNothing() {
      String yaml = service.preview(OWNER, input(validApp(), true)).yaml();

      assertSoftly(
          s -> {
            s.assertThat(yaml).contains("image: ghcr.io/acme/sentiment:1.2");
            s.assertThat(yaml).contains("HF_TOKEN: " + AppSpec.MASK).doesNotContain(SECRET);
            s.assertThat(apps.count(null)).isZero();
            s.assertThat(backend.apps).isEmpty();
          });
    }

    @Test
    void shouldAcceptTheMaskOfAnUntouchedSecretField() {
      JsonObject json =
          Json.createObjectBuilder(validApp())
              .add("secretEnv", Json.createObjectBuilder().add("HF_TOKEN", AppSpec.MASK))
              .build();

      assertThat(service.preview(OWNER, input(json, true)).yaml()).contains("HF_TOKEN");
    }

    @Test
    void shouldCheckTheFieldsAndTheCardLikeACreate() {
      cards.insert(card("c1", "u-owner"));
      JsonObject invalid =
          Json.createObjectBuilder(validApp()).add("port", 70000).add("maxReplicas", 4).build();
      JsonObject forCard = Json.createObjectBuilder(validApp()).add("cardId", "c1").build();

      assertThatThrownBy(() -> service.preview(OWNER, input(invalid, true)))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(pointers(e)).containsExactlyInAnyOrder("/port", "/maxReplicas"));
      assertThatThrownBy(() -> service.preview(OTHER, input(forCard, true)))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
  }

  @Nested
  class WhenCreating {

    @Test
    void shouldDeployAndRecordAnActiveAppWithItsUrl() {
      App app = service.create(OWNER, input(validApp(), true));

      assertSoftly(
          s -> {
            s.assertThat(app.state()).isEqualTo(AppState.ACTIVE);
            s.assertThat(app.name()).isEqualTo("app-" + app.id());
            s.assertThat(app.ownerId()).isEqualTo("u-owner");
            s.assertThat(app.url()).endsWith("/apps/app-" + app.id() + "/");
            s.assertThat(backend.apps).containsKey(app.id());
            s.assertThat(apps.findById(app.id())).contains(app);
          });
    }

    @Test
    void shouldGiveTheSecretValueToTheBackendButNeverStoreIt() {
      App app = service.create(OWNER, input(validApp(), true));

      Document stored =
          mongo.database().getCollection("apps").find(new Document("_id", app.id())).first();
      assertThat(stored.toJson()).doesNotContain(SECRET).contains("HF_TOKEN");
      assertThat(backend.apps.get(app.id()).secrets()).containsEntry("HF_TOKEN", SECRET);
      assertThat(AppJson.app(app, true, "/apps/a/").toString())
          .doesNotContain(SECRET)
          .contains("\"HF_TOKEN\":\"********\"");
    }

    @Test
    void shouldPointAtEveryInvalidField() {
      JsonObject json =
          Json.createObjectBuilder(validApp())
              .add("image", "not an image!")
              .add("port", 70000)
              .add("env", Json.createObjectBuilder().add("1BAD", "x"))
              .add("resources", Json.createObjectBuilder().add("cpuRequest", "lots"))
              .build();

      ProblemException e = createFails(json);

      assertThat(e.status()).isEqualTo(422);
      assertThat(pointers(e)).contains("/image", "/port", "/env/1BAD", "/resources/cpuRequest");
      assertThat(apps.count(null)).isZero();
      assertThat(backend.apps).isEmpty();
    }

    @Test
    void shouldRefuseResourcesAndReplicasBeyondTheAdministratorsMaxima() {
      JsonObject json =
          Json.createObjectBuilder(validApp())
              .add("backendId", "knative")
              .add(
                  "resources",
                  Json.createObjectBuilder()
                      .add("cpuLimit", "3")
                      .add("memoryLimit", "8Gi")
                      .add("gpus", 2))
              .add("maxReplicas", 4)
              .build();

      ProblemException e = createFails(json);

      assertThat(e.status()).isEqualTo(422);
      assertThat(pointers(e))
          .containsExactlyInAnyOrder(
              "/resources/cpuLimit", "/resources/memoryLimit", "/resources/gpus", "/maxReplicas");
    }

    @Test
    void shouldRefuseScaleToZeroAndGpusOnABackendThatDoesNotDeclareThem() {
      JsonObject json =
          Json.createObjectBuilder(validApp())
              .add("scaleToZero", true)
              .add("resources", Json.createObjectBuilder().add("gpus", 1))
              .build();

      assertThat(pointers(createFails(json))).contains("/scaleToZero", "/resources/gpus");
    }

    @Test
    void shouldRefuseAMaskedSecretOnCreate() {
      JsonObject json =
          Json.createObjectBuilder(validApp())
              .add("secretEnv", Json.createObjectBuilder().add("HF_TOKEN", AppSpec.MASK))
              .build();

      assertThat(pointers(createFails(json))).containsExactly("/secretEnv/HF_TOKEN");
    }

    @Test
    void shouldRefuseAnUnknownBackend() {
      JsonObject json = Json.createObjectBuilder(validApp()).add("backendId", "nope").build();

      assertThat(pointers(createFails(json))).containsExactly("/backendId");
    }

    @Test
    void shouldLetOnlyTheCardsOwnerOrAnAdminAddAnAppToIt() {
      cards.insert(card("c1", "u-owner"));
      JsonObject forCard = Json.createObjectBuilder(validApp()).add("cardId", "c1").build();

      assertThatThrownBy(() -> service.create(OTHER, input(forCard, true)))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
      App byAdmin = service.create(ADMIN, input(forCard, true));

      assertThat(byAdmin.ownerId()).isEqualTo("u-owner");
      assertThat(backend.apps.get(byAdmin.id()).spec().labels())
          .containsEntry(AppService.CARD_LABEL, "c1");
    }

    @Test
    void shouldAnnounceOnceThatTheAppIsReadyOrThatItFailed() {
      List<AppLifecycle> events = new ArrayList<>();
      service.onLifecycle(events::add);

      App app = service.create(OWNER, input(validApp(), true));
      backend.failNextDeploy = PlatformException.unavailable("cluster down", null);
      assertThatThrownBy(() -> service.create(OWNER, input(validApp(), true)));

      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isEqualTo(new AppLifecycle(app.cardId(), app.id(), true, null));
      assertThat(events.get(1).ready()).isFalse();
      assertThat(events.get(1).reason()).contains("cluster down");
    }

    @Test
    void shouldRemoveTheRecordAndWhatTheBackendCreatedWhenDeployTimesOut() {
      backend.failNextDeploy = PlatformException.unavailable("timed out", null);

      assertThatThrownBy(() -> service.create(OWNER, input(validApp(), true)))
          .isInstanceOf(PlatformException.class);

      assertThat(apps.count(null)).isZero();
      assertThat(backend.apps).isEmpty();
    }

    @Test
    void shouldRemoveWhatTheBackendCreatedAlsoWhenTheClusterRefusedTheAppHalfway() {
      // Like a cluster that took the app's Secret, then refused its workload as invalid.
      backend.failNextDeploy =
          new PlatformException(PlatformErrors.INVALID_ARGUMENT, "admission webhook denied it");

      assertThatThrownBy(() -> service.create(OWNER, input(validApp(), true)))
          .isInstanceOf(PlatformException.class);

      assertSoftly(
          s -> {
            s.assertThat(apps.count(null)).isZero();
            s.assertThat(backend.apps).isEmpty();
            s.assertThat(backend.deleted).hasSize(1);
          });
    }
  }

  @Nested
  class WhenReading {

    @Test
    void shouldHideAPreviewAppFromOtherUsers() {
      App app = service.create(OWNER, input(validApp(), true));

      assertThatThrownBy(() -> service.find(OTHER, app.id()))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThat(service.find(ADMIN, app.id()).manage()).isTrue();
    }

    @Test
    void shouldShowACardsAppToItsReadersWithoutItsEnvironment() {
      cards.insert(card("c1", "u-owner"));
      App app =
          service.create(
              OWNER, input(Json.createObjectBuilder(validApp()).add("cardId", "c1").build(), true));

      AppService.Access access = service.find(OTHER, app.id());

      assertThat(access.manage()).isFalse();
      JsonObject view = AppJson.app(access.app(), access.manage(), "/apps/" + app.id() + "/");
      assertThat(view.keySet())
          .containsExactlyInAnyOrder(
              "id", "cardId", "image", "state", "url", "proxyUrl", "createdAt", "updatedAt");
      assertThat(view.toString()).doesNotContain("MODEL_ID").doesNotContain("HF_TOKEN");
      assertThatThrownBy(() -> service.scale(OTHER, app.id(), 1))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void shouldShowACardsReadersTheStatusWithoutItsPodsAndEvents() {
      cards.insert(card("c1", "u-owner"));
      App app =
          service.create(
              OWNER, input(Json.createObjectBuilder(validApp()).add("cardId", "c1").build(), true));

      var managed = service.statusFor(service.find(OWNER, app.id())).orElseThrow();
      var read = service.statusFor(service.find(OTHER, app.id())).orElseThrow();

      assertSoftly(
          s -> {
            s.assertThat(managed.pods()).isNotEmpty();
            s.assertThat(managed.events()).isNotEmpty();
            s.assertThat(read.phase()).isEqualTo(managed.phase());
            s.assertThat(read.message()).isEqualTo(managed.message());
            s.assertThat(read.ready()).isEqualTo(managed.ready());
            s.assertThat(read.pods()).isEmpty();
            s.assertThat(read.events()).isEmpty();
          });
    }

    @Test
    void shouldLetAnyoneUseAPublicCardsAppButOnlyReadersAPrivateOneOrAPreview() {
      cards.insert(card("pub", "u-owner"));
      cards.insert(privateCard("priv", "u-owner"));
      App open =
          service.create(
              OWNER,
              input(Json.createObjectBuilder(validApp()).add("cardId", "pub").build(), true));
      App hidden =
          service.create(
              OWNER,
              input(Json.createObjectBuilder(validApp()).add("cardId", "priv").build(), true));
      App preview = service.create(OWNER, input(validApp(), true));

      assertThat(service.usable(null, open.id()).id()).isEqualTo(open.id());
      assertThat(service.usable(OTHER, open.id()).id()).isEqualTo(open.id());
      assertThat(service.usable(OWNER, hidden.id()).id()).isEqualTo(hidden.id());
      assertThat(service.usable(OWNER, preview.id()).id()).isEqualTo(preview.id());
      for (String id : java.util.List.of(hidden.id(), preview.id())) {
        assertThatThrownBy(() -> service.usable(null, id))
            .isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> service.usable(OTHER, id))
            .isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
      }
    }

    @Test
    void shouldListOnlyTheCallersAppsButEveryoneForAnAdmin() {
      service.create(OWNER, input(validApp(), true));
      service.create(OTHER, input(validApp(), true));

      assertThat(service.list(OWNER, false, 0, 10).items())
          .extracting(App::ownerId)
          .containsExactly("u-owner");
      assertThat(service.list(ADMIN, false, 0, 10).total()).isEqualTo(2);
      assertThat(service.list(ADMIN, true, 0, 10).total()).isZero();
    }
  }

  @Nested
  class WhenChanging {

    @Test
    void shouldKeepTheStoredSecretWhenAnUpdateLeavesItOut() {
      App app = service.create(OWNER, input(validApp(), true));

      App updated =
          service.update(
              OWNER,
              app.id(),
              input(
                  Json.createObjectBuilder().add("image", "ghcr.io/acme/sentiment:1.3").build(),
                  false));

      AppSpec sent = backend.apps.get(app.id()).spec();
      assertThat(sent.image()).isEqualTo("ghcr.io/acme/sentiment:1.3");
      assertThat(sent.keepsStoredSecret("HF_TOKEN")).isTrue();
      assertThat(backend.apps.get(app.id()).secrets()).containsEntry("HF_TOKEN", SECRET);
      assertThat(updated.version()).isGreaterThan(app.version());
    }

    @Test
    void shouldReplaceASecretAndDropOnesLeftOutOfANewSecretEnv() {
      App app = service.create(OWNER, input(validApp(), true));

      App updated =
          service.update(
              OWNER,
              app.id(),
              input(
                  Json.createObjectBuilder()
                      .add("secretEnv", Json.createObjectBuilder().add("OTHER_KEY", "new-value"))
                      .build(),
                  false));

      assertThat(updated.secretEnvNames()).containsExactly("OTHER_KEY");
      assertThat(backend.apps.get(app.id()).secrets())
          .containsExactly(java.util.Map.entry("OTHER_KEY", "new-value"));
    }

    @Test
    void shouldRefuseToKeepASecretThatWasNeverStored() {
      App app = service.create(OWNER, input(validApp(), true));
      AppInput keepUnknown =
          input(
              Json.createObjectBuilder()
                  .add("secretEnv", Json.createObjectBuilder().add("NEW", AppSpec.MASK))
                  .build(),
              false);

      assertThatThrownBy(() -> service.update(OWNER, app.id(), keepUnknown))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(pointers(e)).containsExactly("/secretEnv/NEW"));
    }

    @Test
    void shouldRollBackAFailedUpdateAboveTheRefusedChangesVersion() {
      App app = service.create(OWNER, input(validApp(), true));
      backend.failNextUpdate = PlatformException.unavailable("cluster down", null);
      AppInput change =
          input(Json.createObjectBuilder().add("image", "ghcr.io/acme/sentiment:9").build(), false);

      assertThatThrownBy(() -> service.update(OWNER, app.id(), change))
          .isInstanceOf(PlatformException.class);

      // The refused change was written at version + 1; an update that read it must now conflict.
      App stored = apps.findById(app.id()).orElseThrow();
      assertSoftly(
          s -> {
            s.assertThat(stored.image()).isEqualTo(app.image());
            s.assertThat(stored.version()).isEqualTo(app.version() + 2);
            s.assertThat(
                    apps.compareAndSet(
                        TestApps.from(stored).image("ghcr.io/acme/sentiment:9").build(),
                        app.version() + 1))
                .isFalse();
            s.assertThat(backend.apps.get(app.id()).spec().image()).isEqualTo(app.image());
          });
    }

    @Test
    void shouldScaleWithinTheAppsRangeAndStopOnAnyBackend() {
      App app =
          service.create(
              OWNER,
              input(Json.createObjectBuilder(validApp()).add("maxReplicas", 3).build(), true));

      assertThat(service.scale(OWNER, app.id(), 3).wantedReplicas()).isEqualTo(3);
      // Stopping is scaling to 0 by hand, which any backend can do (not scaling down when idle).
      assertThat(service.scale(OWNER, app.id(), 0).wantedReplicas()).isZero();
      assertThatThrownBy(() -> service.scale(OWNER, app.id(), -1))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(pointers(e)).containsExactly("/replicas"));
      assertThatThrownBy(() -> service.scale(OWNER, app.id(), 4))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void shouldRestoreALostAppWithItsStoredSecret() {
      App app = service.create(OWNER, input(validApp(), true));
      backend.apps.remove(app.id());
      apps.compareAndSet(
          apps.findById(app.id()).orElseThrow().withState(AppState.LOST, clock.instant()),
          apps.findById(app.id()).orElseThrow().version());

      App restored = service.restore(OWNER, app.id());

      assertThat(restored.state()).isEqualTo(AppState.ACTIVE);
      assertThat(backend.apps.get(app.id()).spec().keepsStoredSecret("HF_TOKEN")).isTrue();
    }

    @Test
    void shouldDeleteTheObjectsAndTheRecord() {
      App app = service.create(OWNER, input(validApp(), true));

      service.delete(OWNER, app.id());

      assertThat(backend.apps).doesNotContainKey(app.id());
      assertThat(apps.findById(app.id())).isEmpty();
    }

    @Test
    void shouldKeepTheAppDeletingWhenTheBackendFailsSoThatARetryFinishes() {
      App app = service.create(OWNER, input(validApp(), true));
      AppBackends failing =
          new FakeAppBackends()
              .add(
                  "emissary",
                  new InMemoryDeploymentBackend(clock) {
                    @Override
                    public synchronized boolean delete(String appId) {
                      throw new PlatformException(PlatformErrors.UNAVAILABLE, "down");
                    }
                  });
      AppService down =
          new AppService(apps, cards, failing, new AppLimits("2", "4Gi", 1, 3), clock);

      assertThatThrownBy(() -> down.delete(OWNER, app.id())).isInstanceOf(PlatformException.class);
      assertThat(apps.findById(app.id()).orElseThrow().state()).isEqualTo(AppState.DELETING);

      service.delete(OWNER, app.id());
      assertThat(apps.findById(app.id())).isEmpty();
    }
  }

  private ModelCard privateCard(String id, String ownerId) {
    CardContent e = CardContent.EMPTY;
    CardContent content =
        new CardContent(
            e.title(),
            e.task(),
            e.tags(),
            e.frameworks(),
            e.description(),
            e.explanation(),
            e.usage(),
            e.limitations(),
            e.ownerDisplayName(),
            e.pointOfContact(),
            e.body(),
            e.performance(),
            e.artifacts(),
            e.experiment(),
            e.dataset(),
            e.demo(),
            CardContent.Visibility.PRIVATE,
            List.of());
    return new ModelCard(id, ownerId, id, content, Set.of(), clock.instant(), clock.instant(), 1);
  }

  private ModelCard card(String id, String ownerId) {
    return new ModelCard(
        id, ownerId, id, CardContent.EMPTY, Set.of(), clock.instant(), clock.instant(), 1);
  }
}
