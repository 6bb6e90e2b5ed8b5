package org.aiappstore.app.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.problem.IfMatch;
import org.aiappstore.app.problem.ProblemException;

/** Registering, changing and testing webhooks; their deliveries. */
@ApplicationScoped
public class WebhookService {

  private static final IfMatch IF_MATCH = new IfMatch("webhook", "STALE_WEBHOOK");

  static final int MAX_DELIVERIES = 200;

  @Inject WebhookStore store;
  @Inject Outbox outbox;
  @Inject WebhookPublisher publisher;
  @Inject AppSettings settings;

  private final Clock clock = Clock.systemUTC();

  public WebhookService() {}

  /** Without a publisher or settings: for tests of registering and changing webhooks. */
  WebhookService(WebhookStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  HostAllowList allowList() {
    return new HostAllowList(settings.list(ConfigKey.WEBHOOKS_ALLOWED_HOSTS));
  }

  public List<Webhook> list() {
    return store.list();
  }

  public Webhook get(String id) {
    return store
        .find(id)
        .orElseThrow(() -> new ProblemException(404, "WEBHOOK_NOT_FOUND", "No such webhook."));
  }

  public Webhook create(JsonValue body) {
    WebhookInput input = WebhookInput.parse(body, null, allowList());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Webhook hook =
        new Webhook(
            UUID.randomUUID().toString(),
            input.url(),
            input.secret(),
            input.events(),
            input.enabled(),
            now,
            now,
            1);
    store.insert(hook);
    return hook;
  }

  /**
   * Replaces the webhook if it is still at the version {@code ifMatch} names: 428 without one, 412
   * when it changed meanwhile (a stale edit would undo a secret rotation), 404 once it is gone.
   */
  public Webhook update(String id, String ifMatch, JsonValue body) {
    long expected = IF_MATCH.required(ifMatch);
    Webhook stored = get(id);
    if (stored.version() != expected) {
      throw IF_MATCH.stale();
    }
    WebhookInput input = WebhookInput.parse(body, stored, allowList());
    Webhook changed =
        new Webhook(
            id,
            input.url(),
            input.secret(),
            input.events(),
            input.enabled(),
            stored.createdAt(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            expected + 1);
    if (!store.compareAndSet(changed, expected)) {
      get(id); // 404 when it was deleted meanwhile
      throw IF_MATCH.stale();
    }
    return changed;
  }

  /** Deletes the webhook and its delivery log; queued deliveries are dropped. */
  public void delete(String id) {
    if (!store.delete(id)) {
      throw new ProblemException(404, "WEBHOOK_NOT_FOUND", "No such webhook.");
    }
    outbox.deleteForWebhook(id);
  }

  /** Queues a {@code webhook.test} event; returns the delivery id. */
  public String test(String id) {
    Webhook hook = get(id);
    if (!hook.enabled()) {
      throw new ProblemException(409, "WEBHOOK_DISABLED", "Enable the webhook to test it.");
    }
    return publisher.test(hook);
  }

  public List<OutboxEntry> deliveries(String id, int limit) {
    get(id);
    return outbox.forWebhook(id, limit);
  }
}
