package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookPublisherTest {

  private final TestingMongo mongo = new TestingMongo();
  private final WebhookStore store = new WebhookStore(mongo);
  private final Outbox outbox = new Outbox(mongo);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final WebhookPublisher publisher = new WebhookPublisher(store, outbox, clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  private Webhook subscribe(String... events) {
    Webhook hook =
        new Webhook(
            "hook-apps",
            "https://hooks.example.com/apps",
            "s3cret",
            List.of(events),
            true,
            clock.instant(),
            clock.instant(),
            1);
    store.insert(hook);
    return hook;
  }

  @Test
  void shouldQueueACardsAppEventsWithTheCard() {
    Webhook hook = subscribe(WebhookEvents.APP_READY, WebhookEvents.APP_FAILED);

    publisher.appReady("card-1", "app-1");
    publisher.appFailed("card-1", "app-2", "ImagePullBackOff");

    List<OutboxEntry> queued = outbox.forWebhook(hook.id(), 10);
    assertThat(queued)
        .extracting(OutboxEntry::data)
        .containsExactlyInAnyOrder(
            new Document("appId", "app-1").append("cardId", "card-1"),
            new Document("appId", "app-2")
                .append("cardId", "card-1")
                .append("reason", "ImagePullBackOff"));
  }

  @Test
  void shouldQueueAPreviewAppsEventsWithoutACard() {
    Webhook hook = subscribe(WebhookEvents.APP_READY, WebhookEvents.APP_FAILED);

    publisher.appReady(null, "preview-1");
    publisher.appFailed(null, "preview-2", null);

    assertThat(outbox.forWebhook(hook.id(), 10))
        .extracting(OutboxEntry::data)
        .containsExactlyInAnyOrder(
            new Document("appId", "preview-1"),
            new Document("appId", "preview-2").append("reason", ""));
  }
}
