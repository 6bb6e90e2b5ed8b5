package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Quotas, the platform's environment, previews' lifetime and the default backend. */
class AppLifecycleRulesTest {

  private static final Caller OWNER =
      new Caller("u-owner", "owner", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller OTHER =
      new Caller("u-other", "other", Set.of("user"), Caller.Credential.session("s-1"), null);
  private static final Caller ADMIN =
      new Caller(
          "u-admin", "admin", Set.of("user", "admin"), Caller.Credential.session("s-1"), null);
  private static final Duration TTL = Duration.ofHours(2);

  private TestingMongo mongo;
  private MutableClock clock;
  private InMemoryDeploymentBackend emissary;
  private InMemoryDeploymentBackend gpus;
  private AppRepository apps;
  private CardRepository cards;
  private FakeAppBackends backends;
  private AppService service;

  @BeforeEach
  void setUp() {
    mongo = new TestingMongo();
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    emissary = new InMemoryDeploymentBackend(clock);
    gpus = new InMemoryDeploymentBackend(clock);
    apps = new AppRepository(mongo);
    cards = new CardRepository(mongo);
    backends =
        new FakeAppBackends()
            .add("emissary", emissary, DeploymentCapability.LIST_MANAGED)
            .add("gpu", gpus, DeploymentCapability.GPU);
    service = service(new AppBackendChoice(backends, null, null, clock));
  }

  private AppService service(AppBackendChoice choice) {
    return new AppService(
        apps,
        cards,
        backends,
        new AppLimits("2", "4Gi", 2, 3),
        new AppQuotas(3, 2),
        TTL,
        choice,
        clock);
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private static JsonObject app(String backendId, int gpuCount) {
    var json = Json.createObjectBuilder().add("image", "ghcr.io/acme/x:1").add("port", 7860);
    if (backendId != null) {
      json.add("backendId", backendId);
    }
    if (gpuCount > 0) {
      json.add("resources", Json.createObjectBuilder().add("gpus", gpuCount));
    }
    return json.build();
  }

  /** An update that sets the app's GPUs. */
  private static JsonObject gpus(int count) {
    return Json.createObjectBuilder()
        .add("resources", Json.createObjectBuilder().add("gpus", count))
        .build();
  }

  private static AppInput input(JsonObject json, boolean creating) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AppInput input = AppInput.parse(json, creating, errors);
    assertThat(errors).isEmpty();
    return input;
  }

  private App create(Caller caller, JsonObject json) {
    return service.create(caller, input(json, true));
  }

  @Nested
  class WhenCountingQuotas {

    /**
     * Rebuilds the service on a repository that runs {@code racing} right before its next write (an
     * insert or a compare-and-set), as a concurrent request would between a check and a write.
     */
    private void raceBeforeTheNextWrite(Runnable racing) {
      Runnable[] next = {racing};
      apps =
          new AppRepository(mongo) {
            private void letTheRacerIn() {
              Runnable racer = next[0];
              next[0] = () -> {};
              racer.run();
            }

            @Override
            public void insert(App app) {
              letTheRacerIn();
              super.insert(app);
            }

            @Override
            public boolean compareAndSet(App app, long expectedVersion) {
              letTheRacerIn();
              return super.compareAndSet(app, expectedVersion);
            }
          };
      service = service(new AppBackendChoice(backends, null, null, clock));
    }

    @Test
    void shouldRefuseTheAppBeyondTheQuotaWithAReadableConflict() {
      for (int i = 0; i < 3; i++) {
        create(OWNER, app("emissary", 0));
      }

      ProblemException e =
          catchThrowableOfType(ProblemException.class, () -> create(OWNER, app("emissary", 0)));

      assertSoftly(
          s -> {
            s.assertThat(e.status()).isEqualTo(409);
            s.assertThat(e.getMessage()).startsWith("You have 3 of 3 apps");
            s.assertThat(apps.count("u-owner")).isEqualTo(3);
            s.assertThat(emissary.apps).hasSize(3);
          });
      // Someone else's quota is their own.
      assertThat(create(OTHER, app("emissary", 0)).state()).isEqualTo(AppState.ACTIVE);
    }

    @Test
    void shouldWithdrawACreateThatARacingCreateOvertookBetweenItsCheckAndItsWrite() {
      create(OWNER, app("emissary", 0));
      create(OWNER, app("emissary", 0));
      // Another create of the owner's checks the quota and writes its record while this one is
      // between its own check and write.
      raceBeforeTheNextWrite(() -> create(OWNER, app("emissary", 0)));

      ProblemException e =
          catchThrowableOfType(ProblemException.class, () -> create(OWNER, app("emissary", 0)));

      assertSoftly(
          s -> {
            s.assertThat(e.status()).isEqualTo(409);
            s.assertThat(e.getMessage()).startsWith("You have 3 of 3 apps");
            s.assertThat(apps.count("u-owner")).isEqualTo(3);
            s.assertThat(emissary.apps).hasSize(3);
          });
    }

    @Test
    void shouldNotCountAnAppBeingDeleted() {
      App first = create(OWNER, app("emissary", 0));
      create(OWNER, app("emissary", 0));
      create(OWNER, app("emissary", 0));
      apps.compareAndSet(first.withState(AppState.DELETING, clock.instant()), first.version());

      assertThat(create(OWNER, app("emissary", 0)).state()).isEqualTo(AppState.ACTIVE);
      assertThat(service.usage(OWNER)).isEqualTo(new AppQuotas.Usage(3, 0));
    }

    @Test
    void shouldRefuseGpusBeyondTheQuotaOnCreateAndOnUpdate() {
      create(OWNER, app("gpu", 1));
      App second = create(OWNER, app("gpu", 1));

      ProblemException onCreate =
          catchThrowableOfType(ProblemException.class, () -> create(OWNER, app("gpu", 1)));
      JsonObject raise = gpus(2);
      ProblemException onUpdate =
          catchThrowableOfType(
              ProblemException.class,
              () -> service.update(OWNER, second.id(), input(raise, false)));

      assertSoftly(
          s -> {
            s.assertThat(onCreate.status()).isEqualTo(409);
            s.assertThat(onCreate.getMessage()).contains("2 of 2 GPUs");
            s.assertThat(onUpdate.status()).isEqualTo(409);
            s.assertThat(onUpdate.errors())
                .extracting(Problem.FieldError::pointer)
                .containsExactly("/resources/gpus");
            s.assertThat(apps.findById(second.id()).orElseThrow().resources().gpus()).isEqualTo(1);
          });
    }

    @Test
    void shouldWithdrawAGpuRaiseThatARacingCreateOvertookBetweenItsCheckAndItsWrite() {
      create(OWNER, app("gpu", 1));
      App raised = create(OWNER, app("gpu", 0));
      // A create asking for the last GPU checks and writes while the raise is between its own
      // check and write.
      raceBeforeTheNextWrite(() -> create(OWNER, app("gpu", 1)));
      JsonObject raise = gpus(1);

      ProblemException e =
          catchThrowableOfType(
              ProblemException.class,
              () -> service.update(OWNER, raised.id(), input(raise, false)));

      assertSoftly(
          s -> {
            s.assertThat(e.status()).isEqualTo(409);
            s.assertThat(e.getMessage()).contains("2 of 2 GPUs");
            s.assertThat(apps.findById(raised.id()).orElseThrow().resources().gpus()).isZero();
            s.assertThat(service.usage(OWNER)).isEqualTo(new AppQuotas.Usage(3, 2));
            s.assertThat(gpus.apps.get(raised.id()).spec().resources().gpus()).isZero();
          });
    }

    /** An app with {@code gpuCount} GPUs per instance and at most {@code most} instances. */
    private JsonObject scaled(int gpuCount, int most) {
      return Json.createObjectBuilder(app("gpu", gpuCount)).add("maxReplicas", most).build();
    }

    @Test
    void shouldCountTheGpusOfEveryInstanceAnAppMayRunOnCreate() {
      App two = create(OWNER, scaled(1, 2));

      ProblemException another =
          catchThrowableOfType(ProblemException.class, () -> create(OWNER, app("gpu", 1)));
      ProblemException three =
          catchThrowableOfType(ProblemException.class, () -> create(OTHER, scaled(1, 3)));

      assertSoftly(
          s -> {
            s.assertThat(service.usage(OWNER)).isEqualTo(new AppQuotas.Usage(1, 2));
            s.assertThat(another.status()).isEqualTo(409);
            s.assertThat(another.getMessage()).contains("2 of 2 GPUs");
            s.assertThat(three.status()).isEqualTo(409);
            s.assertThat(three.getMessage()).contains("3 more would exceed");
            s.assertThat(apps.count("u-other")).isZero();
            s.assertThat(gpus.apps).containsOnlyKeys(two.id());
          });
    }

    @Test
    void shouldRefuseMoreReplicasOfAGpuAppBeyondTheQuotaOnUpdate() {
      App app = create(OWNER, app("gpu", 1));
      JsonObject more = Json.createObjectBuilder().add("maxReplicas", 3).build();
      JsonObject fewerGpusMoreReplicas =
          Json.createObjectBuilder(gpus(0)).add("maxReplicas", 3).build();

      ProblemException e =
          catchThrowableOfType(
              ProblemException.class, () -> service.update(OWNER, app.id(), input(more, false)));

      assertSoftly(
          s -> {
            s.assertThat(e.status()).isEqualTo(409);
            s.assertThat(e.getMessage()).contains("1 of 2 GPUs; 2 more");
            s.assertThat(apps.findById(app.id()).orElseThrow().maxReplicas()).isEqualTo(1);
            s.assertThat(gpus.apps.get(app.id()).spec().maxReplicas()).isEqualTo(1);
          });
      assertThat(service.update(OWNER, app.id(), input(fewerGpusMoreReplicas, false)).maxReplicas())
          .isEqualTo(3);
      assertThat(service.usage(OWNER)).isEqualTo(new AppQuotas.Usage(1, 0));
    }

    @Test
    void shouldRefuseToRestoreAGpuAppWhileItsOwnerIsOverALoweredQuota() {
      App app = create(OWNER, scaled(1, 2));
      gpus.apps.remove(app.id());
      App stored = apps.findById(app.id()).orElseThrow();
      apps.compareAndSet(stored.withState(AppState.LOST, clock.instant()), stored.version());
      AppService lowered =
          new AppService(
              apps,
              cards,
              backends,
              new AppLimits("2", "4Gi", 2, 3),
              new AppQuotas(3, 1),
              TTL,
              new AppBackendChoice(backends, null, null, clock),
              clock);

      ProblemException e =
          catchThrowableOfType(ProblemException.class, () -> lowered.restore(OWNER, app.id()));

      assertSoftly(
          s -> {
            s.assertThat(e.status()).isEqualTo(409);
            s.assertThat(gpus.apps).doesNotContainKey(app.id());
            s.assertThat(apps.findById(app.id()).orElseThrow().state()).isEqualTo(AppState.LOST);
          });
      assertThat(service.restore(OWNER, app.id()).state()).isEqualTo(AppState.ACTIVE);
    }

    @Test
    void shouldCountAnAdminsAppForACardAgainstTheCardsOwner() {
      cards.insert(card("c1", "u-owner"));
      for (int i = 0; i < 3; i++) {
        create(OWNER, app("emissary", 0));
      }
      JsonObject forCard = Json.createObjectBuilder(app("emissary", 0)).add("cardId", "c1").build();

      ProblemException e =
          catchThrowableOfType(ProblemException.class, () -> create(ADMIN, forCard));

      assertThat(e.status()).isEqualTo(409);
      assertThat(e.getMessage()).startsWith("The card's owner has 3 of 3 apps");
      assertThat(create(ADMIN, app("emissary", 0)).ownerId()).isEqualTo("u-admin");
    }
  }

  @Nested
  class WhenGivingThePlatformsEnvironment {

    @Test
    void shouldGiveEveryAppItsPortAndRootPathOnCreateAndUpdate() {
      App app = create(OWNER, app("emissary", 0));
      service.update(
          OWNER, app.id(), input(Json.createObjectBuilder().add("port", 8080).build(), false));

      assertThat(emissary.apps.get(app.id()).spec().env())
          .containsEntry("PORT", "8080")
          .containsEntry("GRADIO_SERVER_PORT", "8080")
          .containsEntry("GRADIO_SERVER_NAME", "0.0.0.0")
          .containsEntry("GRADIO_ROOT_PATH", "/apps/" + app.id());
      assertThat(apps.findById(app.id()).orElseThrow().env()).doesNotContainKey("PORT");
    }

    @Test
    void shouldRefuseUserVariablesWithThePlatformsNames() {
      JsonObject json =
          Json.createObjectBuilder(app("emissary", 0))
              .add("env", Json.createObjectBuilder().add("PORT", "1").add("OK", "x"))
              .add("secretEnv", Json.createObjectBuilder().add("GRADIO_ROOT_PATH", "/x"))
              .build();

      ProblemException e = catchThrowableOfType(ProblemException.class, () -> create(OWNER, json));

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.errors())
          .extracting(Problem.FieldError::pointer, Problem.FieldError::detail)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("/env/PORT", "is set by the platform"),
              org.assertj.core.groups.Tuple.tuple(
                  "/secretEnv/GRADIO_ROOT_PATH", "is set by the platform"));
    }
  }

  @Nested
  class WhenAPreviewExpires {

    @Test
    void shouldTellWhenAPreviewExpiresButNotACardsDemo() {
      cards.insert(card("c1", "u-owner"));
      App preview = create(OWNER, app("emissary", 0));
      App demo =
          create(OWNER, Json.createObjectBuilder(app("emissary", 0)).add("cardId", "c1").build());

      assertThat(service.expiresAt(preview)).contains(preview.createdAt().plus(TTL));
      assertThat(service.expiresAt(demo)).isEmpty();
      assertThat(
              AppJson.expiring(
                  AppJson.app(preview, true, "/apps/p/"), preview.createdAt().plus(TTL)))
          .containsKey("expiresAt");
    }
  }

  @Nested
  class WhenChoosingTheBackend {

    private final AtomicInteger asked = new AtomicInteger();

    private InMemoryDeploymentBackend knative(boolean servingInstalled) {
      return new InMemoryDeploymentBackend(clock) {
        @Override
        public Optional<String> unavailableReason() {
          asked.incrementAndGet();
          return servingInstalled ? Optional.empty() : Optional.of("KNative Serving is missing");
        }
      };
    }

    @Test
    void shouldUseTheFirstBackendWhenNoneIsConfigured() {
      App app = create(OWNER, app(null, 0));

      assertThat(app.backendId()).isEqualTo("emissary");
      assertThat(service.backendChoice())
          .isEqualTo(new AppBackendChoice.Choice("emissary", "emissary", null));
    }

    @Test
    void shouldFallBackToTheFirstEmissaryBackendWhenKnativeServingIsMissing() {
      InMemoryDeploymentBackend knative = knative(false);
      backends =
          new FakeAppBackends()
              .add("kn", knative)
              .factory("kn", "knative")
              .add("gpu", gpus, DeploymentCapability.GPU)
              .add("em", emissary)
              .factory("em", "emissary");
      AppService falling = service(new AppBackendChoice(backends, "kn", null, clock));

      App app = falling.create(OWNER, input(app(null, 0), true));
      AppBackendChoice.Choice choice = falling.backendChoice();

      assertSoftly(
          s -> {
            s.assertThat(app.backendId()).isEqualTo("em");
            s.assertThat(emissary.apps).containsKey(app.id());
            s.assertThat(knative.apps).isEmpty();
            s.assertThat(choice.defaultBackend()).isEqualTo("kn");
            s.assertThat(choice.effectiveBackend()).isEqualTo("em");
            s.assertThat(choice.fallbackReason()).contains("KNative Serving is missing");
          });
      // An explicit choice is respected.
      assertThat(falling.create(OWNER, input(app("kn", 0), true)).backendId()).isEqualTo("kn");
    }

    @Test
    void shouldUseKnativeWhenServingIsInstalledAndAskItOnceAMinute() {
      InMemoryDeploymentBackend knative = knative(true);
      backends =
          new FakeAppBackends()
              .add("em", emissary)
              .factory("em", "emissary")
              .add("kn", knative)
              .factory("kn", "knative");
      AppBackendChoice choice = new AppBackendChoice(backends, "kn", "em", clock);

      assertThat(choice.current()).isEqualTo(new AppBackendChoice.Choice("kn", "kn", null));
      choice.current();
      assertThat(asked).hasValue(1);
      clock.advance(AppBackendChoice.CACHE);
      choice.current();
      assertThat(asked).hasValue(2);
    }

    @Test
    void shouldTakeABackendThatCannotBeAskedAsAvailableForAFewSecondsOnly() {
      AtomicInteger failing = new AtomicInteger(1);
      InMemoryDeploymentBackend knative =
          new InMemoryDeploymentBackend(clock) {
            @Override
            public Optional<String> unavailableReason() {
              asked.incrementAndGet();
              if (failing.getAndDecrement() > 0) {
                throw new IllegalStateException("connection reset");
              }
              return Optional.of("KNative Serving is missing");
            }
          };
      backends =
          new FakeAppBackends()
              .add("kn", knative)
              .factory("kn", "knative")
              .add("em", emissary)
              .factory("em", "emissary");
      AppBackendChoice choice = new AppBackendChoice(backends, "kn", null, clock);

      assertThat(choice.current().effectiveBackend()).isEqualTo("kn");
      assertThat(choice.current().effectiveBackend()).isEqualTo("kn");
      assertThat(asked).hasValue(1);
      clock.advance(AppBackendChoice.UNANSWERED_CACHE);

      assertThat(choice.current())
          .isEqualTo(
              new AppBackendChoice.Choice(
                  "kn",
                  "em",
                  "The default backend 'kn' cannot run apps: KNative Serving is missing. Apps go"
                      + " to 'em' instead."));
      assertThat(asked).hasValue(2);
    }

    @Test
    void shouldUseTheConfiguredFallbackAndSayWhenNoneCanHelp() {
      InMemoryDeploymentBackend knative = knative(false);
      backends =
          new FakeAppBackends().add("kn", knative).factory("kn", "knative").add("plain", emissary);
      assertThat(new AppBackendChoice(backends, "kn", "plain", clock).current().effectiveBackend())
          .isEqualTo("plain");

      AppBackendChoice.Choice none = new AppBackendChoice(backends, "kn", null, clock).current();
      assertThat(none.effectiveBackend()).isEqualTo("kn");
      assertThat(none.fallbackReason()).contains("No fallback backend");
    }
  }

  private ModelCard card(String id, String ownerId) {
    return new ModelCard(
        id, ownerId, id, CardContent.EMPTY, Set.of(), clock.instant(), clock.instant(), 1);
  }
}
