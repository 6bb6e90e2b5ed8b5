package org.aiappstore.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardOwnerChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which action a card change is audited as. */
class CardAuditTest {

  private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");
  private static final String CARD = "card-1";

  private final TestingMongo mongo = new TestingMongo();
  private final RecordingAuditor auditor = new RecordingAuditor();
  private final CardAudit audit = new CardAudit();

  @BeforeEach
  void setUp() {
    audit.auditor = auditor;
    audit.cards = new CardRepository(mongo);
    audit.revisions = new RevisionRepository(mongo);
    // Version 2 made the card public; version 3, written right after by someone else, renamed it.
    audit.cards.insert(
        new ModelCard(CARD, "owner", "slug", CardContent.EMPTY, Set.of(), AT, AT, 3));
    revision(1, "title", "visibility");
    revision(2, "visibility");
    revision(3, "title");
  }

  @AfterEach
  void close() {
    mongo.close();
  }

  private void revision(long number, String... fields) {
    audit.revisions.insert(
        new Revision(CARD, number, "owner", AT, List.of(fields), null, CardContent.EMPTY));
  }

  private List<String> actions() {
    return auditor.entries().stream().map(RecordingAuditor.Entry::action).toList();
  }

  @Nested
  class WhenAVisibilityChangeRacesAnotherEdit {

    @Test
    void shouldAuditTheVisibilityChangeByTheVersionItWrote() {
      audit.onChange(new CardChanged(CARD, CardChanged.Kind.UPDATED, 2L));

      assertThat(actions()).containsExactly("card.visibility_changed");
    }

    @Test
    void shouldAuditTheOtherEditAsAnUpdate() {
      audit.onChange(new CardChanged(CARD, CardChanged.Kind.UPDATED, 3L));

      assertThat(actions()).containsExactly("card.updated");
    }
  }

  @Nested
  class WhenTheEventHasNoVersion {

    @Test
    void shouldReadTheRevisionOfTheCurrentVersion() {
      audit.onChange(new CardChanged(CARD, CardChanged.Kind.UPDATED));

      assertThat(actions()).containsExactly("card.updated");
    }
  }

  @Nested
  class WhenACardIsHandedOver {

    @Test
    void shouldAuditTheOwnersAndEveryAppThatWentWithTheCard() {
      audit.onOwnerChange(new CardOwnerChanged(CARD, 4, "alice", "bob", List.of("app-1", "app-2")));

      assertThat(auditor.entries())
          .extracting(RecordingAuditor.Entry::action, RecordingAuditor.Entry::target)
          .containsExactly(
              tuple("card.owner_changed", "card=card-1,from=alice,to=bob"),
              tuple("app.owner_changed", "app=app-1,card=card-1,from=alice,to=bob"),
              tuple("app.owner_changed", "app=app-2,card=card-1,from=alice,to=bob"));
    }

    @Test
    void shouldNotAuditTheHandOverAgainAsAnUpdate() {
      revision(4, "owner", "sharedWith");

      audit.onChange(new CardChanged(CARD, CardChanged.Kind.UPDATED, 4L));

      assertThat(actions()).isEmpty();
    }
  }

  @Test
  void shouldAuditACreationAsCreatedWhateverItsFields() {
    audit.onChange(new CardChanged(CARD, CardChanged.Kind.CREATED, 1L));

    assertThat(actions()).containsExactly("card.created");
  }
}
