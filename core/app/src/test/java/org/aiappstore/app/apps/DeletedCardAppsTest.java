package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletedCardAppsTest {

  private static final Caller OWNER =
      new Caller("u-owner", "owner", Set.of("user"), Caller.Credential.session("s-1"), null);

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
    service = service(backend);
    cards.insert(card("c1"));
    cards.insert(card("c2"));
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private AppService service(InMemoryDeploymentBackend on) {
    FakeAppBackends backends =
        new FakeAppBackends().add("emissary", on, DeploymentCapability.LIST_MANAGED);
    return new AppService(apps, cards, backends, new AppLimits("2", "4Gi", 1, 3), clock);
  }

  private App create(String cardId) {
    var json = Json.createObjectBuilder().add("image", "ghcr.io/acme/x:1").add("port", 7860);
    json.add("backendId", "emissary");
    if (cardId != null) {
      json.add("cardId", cardId);
    }
    return service.create(OWNER, input(json.build()));
  }

  private static AppInput input(JsonObject json) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AppInput input = AppInput.parse(json, true, errors);
    assertThat(errors).isEmpty();
    return input;
  }

  private ModelCard card(String id) {
    return new ModelCard(
        id, "u-owner", id, CardContent.EMPTY, Set.of(), clock.instant(), clock.instant(), 1);
  }

  private void deleteCard(String id, AppService with) {
    cards.delete(id, null);
    new DeletedCardApps(with, cards).onCardChanged(new CardChanged(id, CardChanged.Kind.DELETED));
  }

  @Test
  void shouldDeleteTheObjectsAndRecordsOfADeletedCardsAppsOnly() {
    App demo = create("c1");
    App otherDemo = create("c2");
    App preview = create(null);

    deleteCard("c1", service);

    assertSoftly(
        s -> {
          s.assertThat(backend.apps).containsOnlyKeys(otherDemo.id(), preview.id());
          s.assertThat(backend.deleted).containsExactly(demo.id());
          s.assertThat(apps.findById(demo.id())).isEmpty();
          s.assertThat(service.usage(OWNER).apps()).isEqualTo(2);
        });
  }

  @Test
  void shouldKeepTheAppsOfACardAnImportReplacedUnderTheSameId() {
    App demo = create("c1");

    // An overwrite announces the old card as deleted, but a card of that id is stored again.
    new DeletedCardApps(service, cards)
        .onCardChanged(new CardChanged("c1", CardChanged.Kind.DELETED));
    new DeletedCardApps(service, cards)
        .onCardChanged(new CardChanged("c2", CardChanged.Kind.UPDATED));

    assertThat(backend.apps).containsOnlyKeys(demo.id());
    assertThat(apps.findById(demo.id())).isPresent();
  }

  @Test
  void shouldDeleteAnAppWhoseCardWasDeletedWhileItWasBeingCreated() {
    AppService[] creating = new AppService[1];
    InMemoryDeploymentBackend slow =
        new InMemoryDeploymentBackend(clock) {
          @Override
          public synchronized org.aiappstore.plugin.api.deployment.AppStatus deploy(
              org.aiappstore.plugin.api.deployment.AppSpec spec) {
            // The card is deleted while the cluster creates the app: its deletion skips the app.
            deleteCard("c1", creating[0]);
            return super.deploy(spec);
          }
        };
    creating[0] = service(slow);
    service = creating[0];

    var refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            org.aiappstore.app.problem.ProblemException.class, () -> create("c1"));

    assertSoftly(
        s -> {
          s.assertThat(refused.status()).isEqualTo(409);
          s.assertThat(refused.code()).isEqualTo("CARD_DELETED");
          s.assertThat(slow.apps).isEmpty();
          s.assertThat(slow.deleted).hasSize(1);
          s.assertThat(apps.findByCard("c1")).isEmpty();
          s.assertThat(service.usage(OWNER).apps()).isZero();
        });
  }

  @Test
  void shouldLeaveTheAppDeletingWithoutFailingTheCardsDeleteWhenTheBackendFails() {
    App demo = create("c1");
    InMemoryDeploymentBackend down =
        new InMemoryDeploymentBackend(clock) {
          @Override
          public synchronized boolean delete(String appId) {
            throw new PlatformException(PlatformErrors.UNAVAILABLE, "down");
          }
        };

    deleteCard("c1", service(down));

    assertThat(apps.findById(demo.id()).orElseThrow().state()).isEqualTo(AppState.DELETING);
  }
}
