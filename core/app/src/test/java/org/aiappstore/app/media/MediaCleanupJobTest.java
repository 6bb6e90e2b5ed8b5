package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.DraftStore;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One pass of the cleanup job over files whose {@code cardIds} disagree with the cards. */
class MediaCleanupJobTest {

  private static final Instant UPLOADED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOW = UPLOADED.plus(Duration.ofDays(3));
  private static final Duration GRACE = Duration.ofHours(24);

  private final TestingMongo mongo = new TestingMongo();
  private final InMemoryDataConnector objects =
      new InMemoryDataConnector(EnumSet.allOf(DataCapability.class), Clock.systemUTC());
  private final MediaStore store = new MediaStore(mongo);
  private final MediaReferences references = new MediaReferences(mongo);
  private final CardRepository cards = new CardRepository(mongo);
  private final DraftStore drafts = new DraftStore(mongo);
  private final MediaCleanupJob job = new MediaCleanupJob();

  @BeforeEach
  void setUp() {
    job.references = references;
    job.drafts = drafts;
    job.store = store;
    job.connectors =
        new ConnectorRegistry() {
          @Override
          public DataConnector dataConnector(String instanceId) {
            return objects;
          }
        };
  }

  @AfterEach
  void close() {
    mongo.close();
  }

  private String stored(String id) {
    objects.put("media/" + id, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/png");
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

  @Test
  void shouldKeepAFileACardListsThoughTheCardsAttachFailed() {
    String id = stored("a");
    cardListing("card-1", id);

    assertThat(job.run(NOW, GRACE)).isZero();

    assertSoftly(
        softly -> {
          softly.assertThat(store.find(id)).isPresent();
          softly.assertThat(objects.head("media/" + id)).isPresent();
          softly.assertThat(references.cardsUsing(id)).containsExactly("card-1");
        });
  }

  @Test
  void shouldKeepAFileOnlyADraftNamesUntilTheDraftIsGone() {
    String image = stored("0b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21");
    String video = stored("1c7a3d2f-6e5b-4d4c-8b9a-8f7e6d5c4b32");
    String unused = stored("2d8b4e3a-7f6c-4e5d-9cab-9a8f7e6d5c43");
    drafts.save(
        "owner",
        "new",
        "{\"form\":{\"body\":\"<p><img src=\\\"/api/v1/media/"
            + image
            + "?exp=1&amp;sig=abc\\\"></p>\",\"demo\":{\"type\":\"video\",\"mediaId\":\""
            + video
            + "\"}}}",
        NOW);

    assertThat(job.run(NOW, GRACE)).isEqualTo(1);

    assertSoftly(
        softly -> {
          softly.assertThat(store.find(image)).isPresent();
          softly.assertThat(store.find(video)).isPresent();
          softly.assertThat(store.find(unused)).isEmpty();
        });

    // The draft published or discarded: its files are unused like any other, after the grace.
    drafts.delete("owner", "new");
    assertThat(job.run(NOW.plus(GRACE).plusSeconds(1), GRACE)).isEqualTo(2);
  }

  @Test
  void shouldDeleteAFileAttachedOnlyToACardThatWasDeleted() {
    String pinned = stored("a");
    String used = stored("b");
    cardListing("card-2", used);
    references.attach(List.of(pinned), "card-gone");
    references.attach(List.of(used), "card-2");

    assertThat(job.run(NOW, GRACE)).isEqualTo(1);

    assertSoftly(
        softly -> {
          softly.assertThat(store.find(pinned)).isEmpty();
          softly.assertThat(objects.head("media/" + pinned)).isEmpty();
          softly.assertThat(store.find(used)).isPresent();
          softly.assertThat(references.cardsUsing(used)).containsExactly("card-2");
        });
  }

  @Test
  void shouldDeleteAnUnusedFileNoCardLists() {
    String id = stored("a");
    cardListing("card-1", "other");

    assertThat(job.run(NOW, GRACE)).isEqualTo(1);
    assertThat(store.find(id)).isEmpty();
  }
}
