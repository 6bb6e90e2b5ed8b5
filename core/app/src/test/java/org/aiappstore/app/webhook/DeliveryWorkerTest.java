package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.http.StallingServer;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {

  private static final String SECRET = "a-secret-of-sixteen-or-more";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final TestingMongo mongo = new TestingMongo();
  private final WebhookStore store = new WebhookStore(mongo);
  private final Outbox outbox = new Outbox(mongo);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final WebhookPublisher publisher = new WebhookPublisher(store, outbox, clock);
  private Receiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
    mongo.close();
  }

  private Webhook register(String url, boolean enabled, String... events) {
    Webhook hook =
        new Webhook(
            "hook-" + url.hashCode() + enabled,
            url,
            SECRET,
            List.of(events),
            enabled,
            clock.instant(),
            clock.instant(),
            1);
    store.insert(hook);
    return hook;
  }

  private DeliveryWorker worker(String instance, String... allowedHosts) {
    return worker(Duration.ofSeconds(3), instance, allowedHosts);
  }

  private DeliveryWorker worker(Duration timeout, String instance, String... allowedHosts) {
    return new DeliveryWorker(
        store,
        outbox,
        new Leases(mongo),
        new HttpDelivery(timeout),
        () -> new HostAllowList(List.of(allowedHosts)),
        new Backoff(Duration.ofSeconds(1)),
        3,
        instance,
        clock,
        LEASE);
  }

  private OutboxEntry only(Webhook hook) {
    List<OutboxEntry> entries = outbox.forWebhook(hook.id(), 10);
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  @Test
  void shouldSignAndRetryWithBackoffUntilDeliveredOnce() throws Exception {
    receiver = new Receiver(SECRET, 2);
    Webhook hook = register(receiver.url(), true, WebhookEvents.CARD_CREATED);
    publisher.publish(WebhookEvents.CARD_CREATED, Map.of("cardId", "c1"));
    DeliveryWorker worker = worker("a", "127.0.0.1");

    assertThat(worker.tick()).isEqualTo(1); // 500
    assertThat(worker.tick()).as("not due before the backoff").isZero();
    clock.advance(Duration.ofMillis(999));
    assertThat(worker.tick()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(worker.tick()).isEqualTo(1); // 500 again
    clock.advance(Duration.ofMillis(1999));
    assertThat(worker.tick()).as("second wait is two seconds").isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(worker.tick()).isEqualTo(1); // 204
    clock.advance(Duration.ofHours(1));
    assertThat(worker.tick()).as("nothing left once delivered").isZero();

    OutboxEntry entry = only(hook);
    assertSoftly(
        softly -> {
          softly.assertThat(entry.state()).isEqualTo(OutboxEntry.DELIVERED);
          softly
              .assertThat(entry.log())
              .extracting(OutboxEntry.Attempt::status)
              .containsExactly(500, 500, 204);
          softly.assertThat(entry.log().get(0).error()).isEqualTo("HTTP 500");
          softly.assertThat(receiver.all).allMatch(Receiver.Received::signatureValid);
          softly.assertThat(receiver.accepted).hasSize(1);
          softly.assertThat(receiver.accepted.get(0).delivery()).isEqualTo(entry.id());
          softly.assertThat(receiver.accepted.get(0).event()).isEqualTo("card.created");
          softly
              .assertThat(Document.parse(receiver.accepted.get(0).body()))
              .isEqualTo(
                  new Document("id", entry.id())
                      .append("type", "card.created")
                      .append("occurredAt", "2026-01-01T10:00:00Z")
                      .append("data", new Document("cardId", "c1")));
        });
  }

  @Test
  void shouldFailAfterTheLastAttempt() throws Exception {
    receiver = new Receiver(SECRET, 100);
    Webhook hook = register(receiver.url(), true, WebhookEvents.CARD_DELETED);
    publisher.publish(WebhookEvents.CARD_DELETED, Map.of("cardId", "c1"));
    DeliveryWorker worker = worker("a", "127.0.0.1");

    for (int i = 0; i < 5; i++) {
      worker.tick();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(only(hook).state()).isEqualTo(OutboxEntry.FAILED);
    assertThat(receiver.all).hasSize(3);
  }

  @Test
  void shouldRecordAnErrorWhenNothingListens() {
    Webhook hook = register("http://127.0.0.1:1/hook", true, WebhookEvents.CARD_DELETED);
    publisher.publish(WebhookEvents.CARD_DELETED, Map.of("cardId", "c1"));

    worker("a", "127.0.0.1").tick();

    OutboxEntry entry = only(hook);
    assertThat(entry.state()).isEqualTo(OutboxEntry.PENDING);
    assertThat(entry.log().get(0).status()).isNull();
    assertThat(entry.log().get(0).error()).isNotBlank();
  }

  @Test
  void shouldRetryAReceiverThatDoesNotAnswerInTime() throws Exception {
    try (StallingServer stalling = new StallingServer(StallingServer.Stall.BEFORE_HEADERS)) {
      Webhook hook = register(stalling.url("/hook"), true, WebhookEvents.CARD_DELETED);
      publisher.publish(WebhookEvents.CARD_DELETED, Map.of("cardId", "c1"));

      assertThat(worker(Duration.ofSeconds(1), "a", "127.0.0.1").tick()).isEqualTo(1);

      OutboxEntry entry = only(hook);
      assertSoftly(
          softly -> {
            softly.assertThat(entry.state()).isEqualTo(OutboxEntry.PENDING);
            softly.assertThat(entry.log().get(0).status()).isNull();
            softly.assertThat(entry.log().get(0).error()).isEqualTo("no answer within 1 s");
          });
    }
  }

  @Test
  void shouldCheckTheAllowListAgainBeforeDelivering() throws Exception {
    receiver = new Receiver(SECRET, 0);
    Webhook hook = register(receiver.url(), true, WebhookEvents.CARD_CREATED);
    publisher.publish(WebhookEvents.CARD_CREATED, Map.of("cardId", "c1"));

    worker("a", "hooks.example.com").tick();

    OutboxEntry entry = only(hook);
    assertThat(entry.state()).isEqualTo(OutboxEntry.FAILED);
    assertThat(entry.log().get(0).error()).contains("not in aiappstore.webhooks.allowed-hosts");
    assertThat(receiver.all).isEmpty();
  }

  @Test
  void shouldDeliverOnlyOnTheInstanceHoldingTheLease() throws Exception {
    receiver = new Receiver(SECRET, 0);
    register(receiver.url(), true, WebhookEvents.CARD_CREATED);
    DeliveryWorker first = worker("first", "127.0.0.1");
    DeliveryWorker second = worker("second", "127.0.0.1");
    first.tick();

    publisher.publish(WebhookEvents.CARD_CREATED, Map.of("cardId", "c1"));
    assertThat(second.tick()).isZero();
    assertThat(first.tick()).isEqualTo(1);

    publisher.publish(WebhookEvents.CARD_CREATED, Map.of("cardId", "c2"));
    clock.advance(LEASE.plusSeconds(1));
    assertThat(second.tick()).as("the lease expired: the other takes over").isEqualTo(1);
    assertThat(receiver.accepted).hasSize(2);
  }

  @Test
  void shouldDeliverWhatAPreviousProcessLeftPending() throws Exception {
    receiver = new Receiver(SECRET, 0);
    Webhook hook = register(receiver.url(), true, WebhookEvents.EXPORT_COMPLETED);
    publisher.publish(WebhookEvents.EXPORT_COMPLETED, Map.of("jobId", "j1"));
    OutboxEntry pending = outbox.due(clock.instant(), 10).get(0);
    // A previous process claimed it and died while sending.
    assertThat(outbox.claim(pending, clock.instant().plus(LEASE))).isTrue();

    DeliveryWorker restarted = worker("restarted", "127.0.0.1");
    assertThat(restarted.tick()).isZero();
    clock.advance(LEASE);
    assertThat(restarted.tick()).isEqualTo(1);

    assertThat(only(hook).state()).isEqualTo(OutboxEntry.DELIVERED);
    assertThat(outbox.claim(pending, clock.instant())).as("a stale claim loses").isFalse();
  }

  @Test
  void shouldQueueOnlyForEnabledSubscribers() {
    Webhook cards = register("http://127.0.0.1/a", true, WebhookEvents.CARD_CREATED);
    Webhook exports = register("http://127.0.0.1/b", true, WebhookEvents.EXPORT_COMPLETED);
    Webhook disabled = register("http://127.0.0.1/c", false, WebhookEvents.CARD_CREATED);

    assertThat(publisher.publish(WebhookEvents.CARD_CREATED, Map.of("cardId", "c1"))).isEqualTo(1);

    assertThat(outbox.forWebhook(cards.id(), 10)).hasSize(1);
    assertThat(outbox.forWebhook(exports.id(), 10)).isEmpty();
    assertThat(outbox.forWebhook(disabled.id(), 10)).isEmpty();
  }
}
