package org.aiappstore.app.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.apps.AppLifecycle;
import org.bson.Document;

/**
 * Turns an event into outbox records, one per enabled webhook subscribed to its type. Features call
 * it when something happened (after their own write): a failure here is logged and never fails
 * their action. Demo apps reach {@link #appReady} and {@link #appFailed} through {@link
 * AppLifecycle}.
 */
@ApplicationScoped
public class WebhookPublisher {

  private static final Logger LOG = Logger.getLogger(WebhookPublisher.class.getName());

  @Inject WebhookStore hooks;
  @Inject Outbox outbox;

  private Clock clock = Clock.systemUTC();

  public WebhookPublisher() {}

  public WebhookPublisher(WebhookStore hooks, Outbox outbox, Clock clock) {
    this.hooks = hooks;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * A demo app is up: {@code app.ready} with {@code {appId, cardId}}; a preview app (no card yet)
   * has no {@code cardId}.
   */
  public void appReady(String cardId, String appId) {
    publish(WebhookEvents.APP_READY, appData(cardId, appId));
  }

  /** A demo app could not be started: {@code app.failed} with the reason. */
  public void appFailed(String cardId, String appId, String reason) {
    Map<String, Object> data = appData(cardId, appId);
    data.put("reason", reason == null ? "" : reason);
    publish(WebhookEvents.APP_FAILED, data);
  }

  private static Map<String, Object> appData(String cardId, String appId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("appId", appId);
    if (cardId != null) {
      data.put("cardId", cardId);
    }
    return data;
  }

  /** Deployment outcomes of demo apps become {@code app.ready} and {@code app.failed}. */
  void onApp(@Observes AppLifecycle event) {
    try {
      if (event.ready()) {
        appReady(event.cardId(), event.appId());
      } else {
        appFailed(event.cardId(), event.appId(), event.reason());
      }
    } catch (RuntimeException e) {
      // The app's own outcome stands; a lost notification must not fail its deployment.
      LOG.log(
          java.util.logging.Level.WARNING,
          "Could not queue the webhook event of app " + event.appId(),
          e);
    }
  }

  /**
   * Queues {@code type} with {@code data} (strings, numbers, booleans) for every subscriber.
   *
   * @return how many deliveries were queued
   */
  public int publish(String type, Map<String, ?> data) {
    if (!WebhookEvents.SUBSCRIBABLE.contains(type)) {
      throw new IllegalArgumentException("not a webhook event type: " + type);
    }
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      int queued = 0;
      for (Webhook hook : hooks.subscribedTo(type)) {
        outbox.enqueue(hook.id(), type, now, new Document(data));
        queued++;
      }
      return queued;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not queue webhook event " + type, e);
      return 0;
    }
  }

  /** Queues a {@code webhook.test} event for one webhook; returns the delivery id. */
  public String test(Webhook hook) {
    return outbox.enqueue(
        hook.id(),
        WebhookEvents.TEST,
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        new Document("webhookId", hook.id()).append("message", "test event"));
  }
}
