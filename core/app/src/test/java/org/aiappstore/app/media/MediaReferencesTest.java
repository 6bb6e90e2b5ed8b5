package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The claim / mark protocol that keeps the cleanup job from deleting media an edit is using. */
class MediaReferencesTest {

  private static final Instant UPLOADED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOW = UPLOADED.plus(Duration.ofDays(3));
  private static final Instant GRACE_START = NOW.minus(Duration.ofHours(24));

  private final TestingMongo mongo = new TestingMongo();
  private final MediaStore store = new MediaStore(mongo);
  private final MediaReferences references = new MediaReferences(mongo);
  private final CardRepository cards = new CardRepository(mongo);

  @AfterEach
  void close() {
    mongo.close();
  }

  private String stored(String id) {
    store.insert(
        new MediaRecord(
            id,
            "owner",
            "media/" + id,
            "image/png",
            MediaKind.IMAGE,
            3,
            "abc",
            "x.png",
            UPLOADED,
            "fs"));
    return id;
  }

  private void cardListing(String cardId, String... mediaIds) {
    cards.insert(
        new ModelCard(
            cardId,
            "owner",
            "slug-" + cardId,
            CardContent.EMPTY,
            Set.of(mediaIds),
            UPLOADED,
            UPLOADED,
            1));
  }

  @Nested
  class TheCleanupJob {

    @Test
    void shouldTakeAnOldFileNoCardUses() {
      String id = stored("a");

      assertThat(references.cleanupCandidates(GRACE_START, 10)).containsExactly(id);
      assertThat(references.markDeleting(id, GRACE_START, NOW)).isTrue();
    }

    @Test
    void shouldLeaveAFileACardUses() {
      String id = stored("a");
      cardListing("card-1", id);
      references.attach(List.of(id), "card-1");

      assertThat(references.cleanupCandidates(GRACE_START, 10)).isEmpty();
      assertThat(references.markDeleting(id, GRACE_START, NOW)).isFalse();
    }

    @Test
    void shouldLeaveAFileUploadedWithinTheGracePeriod() {
      String id = stored("a");

      assertThat(references.markDeleting(id, UPLOADED.minusSeconds(1), NOW)).isFalse();
    }

    @Test
    void shouldTakeAFileAgainOnceItsLastCardIsDeleted() {
      String id = stored("a");
      references.attach(List.of(id), "card-1");

      references.release("card-1");

      assertThat(references.cardsUsing(id)).isEmpty();
      assertThat(references.cleanupCandidates(GRACE_START, 10)).containsExactly(id);
    }
  }

  @Nested
  class AnEditRacingTheJob {

    @Test
    void shouldKeepAFileItClaimedFirst() {
      String id = stored("a");

      assertThat(references.claim(Set.of(id), NOW)).isEmpty();

      assertThat(references.markDeleting(id, GRACE_START, NOW)).isFalse();
    }

    @Test
    void shouldBeRefusedAFileTheJobMarkedFirst() {
      String id = stored("a");
      assertThat(references.markDeleting(id, GRACE_START, NOW)).isTrue();

      assertThat(references.claim(Set.of(id), NOW)).containsExactly(id);
    }

    @Test
    void shouldReportFilesThatDoNotExist() {
      String id = stored("a");

      assertThat(references.claim(Set.of(id, "gone"), NOW)).containsExactly("gone");
    }
  }

  @Nested
  class AnOwnerDeletingAFile {

    @Test
    void shouldBeRefusedWhileACardUsesIt() {
      String id = stored("a");
      cardListing("card-1", id);
      references.attach(List.of(id), "card-1");

      assertThat(references.markDeletingIfUnused(id, NOW)).isFalse();
    }

    @Test
    void shouldBeRefusedRightAfterAnEditClaimedIt() {
      String id = stored("a");
      references.claim(Set.of(id), NOW);

      assertThat(references.markDeletingIfUnused(id, NOW.minus(Duration.ofMinutes(10)))).isFalse();
    }

    @Test
    void shouldMarkAnUnusedFile() {
      String id = stored("a");

      assertThat(references.markDeletingIfUnused(id, NOW)).isTrue();
      assertThat(references.claim(Set.of(id), NOW)).containsExactly(id);
    }
  }

  @Nested
  class AFileACardListsButWhoseAttachFailed {

    @Test
    void shouldBeKeptByTheJobAndNameTheCardAgain() {
      String id = stored("a");
      cardListing("card-1", id);
      assertThat(references.markDeleting(id, GRACE_START, NOW)).isTrue();

      assertThat(references.keepIfListed(id)).isTrue();

      assertThat(references.cardsUsing(id)).containsExactly("card-1");
      assertThat(references.cleanupCandidates(GRACE_START, 10)).isEmpty();
      assertThat(references.claim(Set.of(id), NOW)).isEmpty();
    }

    @Test
    void shouldLetTheJobDeleteAFileNoCardLists() {
      String id = stored("a");
      cardListing("card-1", "other");
      assertThat(references.markDeleting(id, GRACE_START, NOW)).isTrue();

      assertThat(references.keepIfListed(id)).isFalse();
      assertThat(references.claim(Set.of(id), NOW)).containsExactly(id);
    }

    @Test
    void shouldBeRefusedToItsOwnerAndNameTheCardAgain() {
      String id = stored("a");
      cardListing("card-1", id);

      assertThat(references.markDeletingIfUnused(id, NOW)).isFalse();

      assertThat(references.cardsUsing(id)).containsExactly("card-1");
      assertThat(references.claim(Set.of(id), NOW)).isEmpty();
    }
  }

  @Nested
  class AFileAttachedToACardDeletedMeanwhile {

    @Test
    void shouldBecomeACandidateOnceTheJobReleasesDeletedCards() {
      String id = stored("a");
      String kept = stored("b");
      cardListing("card-2", kept);
      references.attach(List.of(id), "card-1");
      references.attach(List.of(kept), "card-2");

      assertThat(references.releaseAllDeleted(1)).isEqualTo(1);

      assertThat(references.cardsUsing(id)).isEmpty();
      assertThat(references.cardsUsing(kept)).containsExactly("card-2");
      assertThat(references.cleanupCandidates(GRACE_START, 10)).containsExactly(id);
    }

    @Test
    void shouldKeepTheIdsOfCardsThatStillExist() {
      String id = stored("a");
      cardListing("card-2", id);
      references.attach(List.of(id), "card-1");
      references.attach(List.of(id), "card-2");

      references.releaseAllDeleted(10);

      assertThat(references.cardsUsing(id)).containsExactly("card-2");
    }

    @Test
    void shouldBeDeletableByItsOwner() {
      String id = stored("a");
      references.attach(List.of(id), "card-1");

      assertThat(references.markDeletingIfUnused(id, NOW)).isTrue();
    }

    @Test
    void shouldStillBeRefusedToItsOwnerWhileAnotherCardUsesIt() {
      String id = stored("a");
      cardListing("card-2", id);
      references.attach(List.of(id), "card-1");
      references.attach(List.of(id), "card-2");

      assertThat(references.markDeletingIfUnused(id, NOW)).isFalse();
      assertThat(references.cardsUsing(id)).containsExactly("card-2");
    }
  }
}
