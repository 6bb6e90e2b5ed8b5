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
import org.aiappstore.app.problem.ProblemException;

/** Registering, changing and testing webhooks; their deliveries. */
@ApplicationScoped
public class WebhookService {

  static final int MAX_DELIVERIES = 200;

  @Inject WebhookStore store;
  @Inject Outbox outbox;
  @Inject WebhookPublisher publisher;
  @Inject AppSettings settings;

  private final Clock clock = Clock.systemUTC();

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
            now);
    store.save(hook);
    return hook;
  }

  public Webhook update(String id, JsonValue body) {
    Webhook stored = get(id);
    WebhookInput input = WebhookInput.parse(body, stored, allowList());
    Webhook changed =
        new Webhook(
            id,
            input.url(),
            input.secret(),
            input.events(),
            input.enabled(),
            stored.createdAt(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    store.save(changed);
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
