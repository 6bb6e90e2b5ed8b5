package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.model.CardHandover.CardRef;
import org.aiappstore.app.model.CardHandover.Result;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CardHandoverTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Caller ADMIN =
      new Caller(
          "u-admin", "root", Set.of("user", "admin"), Caller.Credential.session("s-1"), null);

  private final TestingMongo mongo = new TestingMongo();
  private final MutableClock clock = new MutableClock(CREATED);
  private final List<CardChanged> changes = new ArrayList<>();
  private final List<CardOwnerChanged> ownerChanges = new ArrayList<>();
  private final FakeDemoApps apps = new FakeDemoApps();
  private CardRepository cards;
  private RevisionRepository revisions;
  private UserRepository users;
  private CardHandover handover;
  private User alice;
  private User bob;

  @BeforeEach
  void setUp() {
    cards = new CardRepository(mongo);
    revisions = new RevisionRepository(mongo);
    users = new UserRepository(mongo);
    handover =
        new CardHandover(cards, revisions, users, apps, changes::add, ownerChanges::add, clock);
    alice = user("u-alice", "alice", "Alice Archer", false);
    bob = user("u-bob", "bob", "Bob Baker", false);
    clock.advance(Duration.ofHours(1));
  }

  @AfterEach
  void tearDown() {
    mongo.close();
  }

  private User user(String id, String username, String displayName, boolean disabled) {
    return users.insert(
        new User(
            id,
            username,
            displayName,
            null,
            Set.of("user"),
            "hash",
            disabled,
            CREATED,
            CREATED,
            0,
            null,
            null,
            null,
            null));
  }

  private static CardContent content(String ownerDisplayName, List<String> sharedWith) {
    return CardContent.EMPTY.withSharedWith(sharedWith).withOwnerDisplayName(ownerDisplayName);
  }

  private ModelCard card(String id, String ownerId, String slug, CardContent content) {
    ModelCard card =
        new ModelCard(id, ownerId, slug, content, Set.of("media-1"), CREATED, CREATED, 3);
    cards.insert(card);
    return card;
  }

  private ModelCard aliceCard(String id) {
    return card(id, alice.id(), "resnet", content("Alice Archer", List.of("u-carol")));
  }

  private List<Result> handOver(String ownerId, CardRef... refs) {
    return handover.handOver(ADMIN, ownerId, List.of(refs));
  }

  private static List<String> pointers(ProblemException e) {
    return e.errors().stream().map(Problem.FieldError::pointer).toList();
  }

  @Nested
  class WhenTheRequestIsInvalid {

    @Test
    void shouldNameTheOwnerWhenThereIsNoSuchUser() {
      aliceCard("c1");

      assertThatThrownBy(() -> handOver("u-nobody", new CardRef("c1", null)))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.code()).isEqualTo("INVALID_OWNER_CHANGE");
                assertThat(e.errors())
                    .containsExactly(new Problem.FieldError("/owner", "is not a user"));
              });
    }

    @Test
    void shouldRefuseADisabledOwner() {
      aliceCard("c1");
      user("u-gone", "gone", "Gone", true);

      assertThatThrownBy(() -> handOver("u-gone", new CardRef("c1", null)))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(pointers(e)).containsExactly("/owner"));
    }

    @Test
    void shouldNameEveryUnknownCardAndChangeNone() {
      aliceCard("c1");

      assertThatThrownBy(
              () ->
                  handOver(
                      bob.id(),
                      new CardRef("c1", null),
                      new CardRef("nope", null),
                      new CardRef("c1", 0L)))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(pointers(e)).containsExactly("/cards/1/id", "/cards/2/version"));
      assertThat(cards.findById("c1").orElseThrow().ownerId()).isEqualTo(alice.id());
      assertThat(changes).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyListAndTooManyCards() {
      List<CardRef> tooMany =
          IntStream.range(0, CardHandover.MAX_CARDS + 1)
              .mapToObj(i -> new CardRef("c" + i, null))
              .toList();

      for (List<CardRef> refs : List.of(List.<CardRef>of(), tooMany)) {
        assertThatThrownBy(() -> handover.handOver(ADMIN, bob.id(), refs))
            .isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(pointers(e)).containsExactly("/cards"));
      }
    }
  }

  @Nested
  class WhenHandingOver {

    @Test
    void shouldWriteTheCardUnderItsNewOwnerAsANewVersion() {
      aliceCard("c1");

      List<Result> results = handOver(bob.id(), new CardRef("c1", 3L));

      ModelCard after = cards.findById("c1").orElseThrow();
      assertSoftly(
          softly -> {
            softly
                .assertThat(results)
                .containsExactly(new Result("c1", 200, null, null, "bob", "resnet", 4L));
            softly.assertThat(after.ownerId()).isEqualTo(bob.id());
            softly.assertThat(after.slug()).isEqualTo("resnet");
            softly.assertThat(after.version()).isEqualTo(4);
            softly.assertThat(after.updatedAt()).isEqualTo(clock.instant());
            softly.assertThat(after.createdAt()).isEqualTo(CREATED);
            softly.assertThat(after.mediaIds()).containsExactly("media-1");
          });
    }

    @Test
    void shouldRecordARevisionByTheAdminAndAnnounceTheChange() {
      aliceCard("c1");

      handOver(bob.id(), new CardRef("c1", null));

      Revision revision = revisions.find("c1", 4).orElseThrow();
      assertSoftly(
          softly -> {
            softly.assertThat(revision.authorId()).isEqualTo(ADMIN.userId());
            softly.assertThat(revision.fields()).containsExactly("owner", "ownerDisplayName");
            softly
                .assertThat(changes)
                .containsExactly(new CardChanged("c1", CardChanged.Kind.UPDATED, 4L));
            softly
                .assertThat(ownerChanges)
                .containsExactly(new CardOwnerChanged("c1", 4, "alice", "bob", List.of("app-1")));
            softly.assertThat(apps.handedOver).containsExactly("c1->u-bob");
          });
    }

    @Test
    void shouldNameTheNewOwnerOnlyWhereTheCardNamedTheFormerOne() {
      aliceCard("c1");
      card("c2", alice.id(), "team", content("Vision team", List.of()));

      handOver(bob.id(), new CardRef("c1", null), new CardRef("c2", null));

      assertThat(cards.findById("c1").orElseThrow().content().ownerDisplayName())
          .isEqualTo("Bob Baker");
      assertThat(cards.findById("c2").orElseThrow().content().ownerDisplayName())
          .isEqualTo("Vision team");
    }

    @Test
    void shouldTakeTheNewOwnerOffTheShareList() {
      card("c1", alice.id(), "shared", content("Alice Archer", List.of("u-carol", bob.id())));

      handOver(bob.id(), new CardRef("c1", null));

      ModelCard after = cards.findById("c1").orElseThrow();
      assertThat(after.content().sharedWith()).containsExactly("u-carol");
      assertThat(revisions.find("c1", 4).orElseThrow().fields()).contains("sharedWith");
    }

    @Test
    void shouldNumberTheSlugWhenTheNewOwnerHasACardThere() {
      aliceCard("c1");
      card("c2", bob.id(), "resnet", content("Bob Baker", List.of()));
      card("c3", bob.id(), "resnet-2", content("Bob Baker", List.of()));

      List<Result> results = handOver(bob.id(), new CardRef("c1", null));

      assertThat(results.get(0).slug()).isEqualTo("resnet-3");
      assertThat(cards.findBySlug(bob.id(), "resnet-3").orElseThrow().id()).isEqualTo("c1");
    }

    @Test
    void shouldLeaveACardOfTheNewOwnerAsItIs() {
      card("c1", bob.id(), "mine", content("Bob Baker", List.of()));

      List<Result> results = handOver(bob.id(), new CardRef("c1", null));

      assertThat(results).containsExactly(new Result("c1", 200, null, null, "bob", "mine", 3L));
      assertThat(changes).isEmpty();
      assertThat(revisions.list("c1")).isEmpty();
    }

    @Test
    void shouldHandEachCardOverOnceWhenListedTwice() {
      aliceCard("c1");

      List<Result> results = handOver(bob.id(), new CardRef("c1", 3L), new CardRef("c1", 3L));

      assertThat(results).hasSize(1);
      assertThat(cards.findById("c1").orElseThrow().version()).isEqualTo(4);
    }
  }

  @Nested
  class WhenACardCannotGo {

    @Test
    void shouldReportAStaleVersionAndGoOnWithTheOthers() {
      aliceCard("c1");
      card("c2", alice.id(), "other", content("Alice Archer", List.of()));

      List<Result> results = handOver(bob.id(), new CardRef("c1", 2L), new CardRef("c2", 3L));

      assertThat(results).extracting(Result::status).containsExactly(412, 200);
      assertThat(results.get(0).code()).isEqualTo("STALE_CARD");
      ModelCard untouched = cards.findById("c1").orElseThrow();
      assertThat(untouched.ownerId()).isEqualTo(alice.id());
      assertThat(untouched.version()).isEqualTo(3);
      assertThat(revisions.list("c1")).isEmpty();
    }

    @Test
    void shouldLeaveTheCardWhenItsDemoAppsCannotFollow() {
      aliceCard("c1");
      apps.refusal = new ProblemException(409, "APP_QUOTA_EXCEEDED", "bob has 3 of 3 apps");

      List<Result> results = handOver(bob.id(), new CardRef("c1", null));

      assertThat(results)
          .containsExactly(
              new Result("c1", 409, "APP_QUOTA_EXCEEDED", "bob has 3 of 3 apps", null, null, null));
      assertThat(cards.findById("c1").orElseThrow().ownerId()).isEqualTo(alice.id());
      assertThat(apps.handedOver).isEmpty();
      assertThat(changes).isEmpty();
    }
  }

  /** Demo apps that hand over one app per card, or refuse as told. */
  private static final class FakeDemoApps implements DemoAppOwners {

    final List<String> handedOver = new ArrayList<>();
    ProblemException refusal;

    @Override
    public void checkHandOver(String cardId, String newOwnerId, String newOwnerName) {
      if (refusal != null) {
        throw refusal;
      }
    }

    @Override
    public List<String> handOver(String cardId, String newOwnerId) {
      handedOver.add(cardId + "->" + newOwnerId);
      return List.of("app-1");
    }
  }
}
