package org.aiappstore.app.webhook;

import java.util.List;

/** The event types a webhook can subscribe to, and the one only the "send test" action sends. */
public final class WebhookEvents {

  public static final String CARD_CREATED = "card.created";
  public static final String CARD_UPDATED = "card.updated";
  public static final String CARD_DELETED = "card.deleted";
  public static final String APP_READY = "app.ready";
  public static final String APP_FAILED = "app.failed";
  public static final String EXPORT_COMPLETED = "export.completed";
  public static final String IMPORT_COMPLETED = "import.completed";

  /** Sent to one webhook on request, whatever it subscribed to. */
  public static final String TEST = "webhook.test";

  public static final List<String> SUBSCRIBABLE =
      List.of(
          CARD_CREATED,
          CARD_UPDATED,
          CARD_DELETED,
          APP_READY,
          APP_FAILED,
          EXPORT_COMPLETED,
          IMPORT_COMPLETED);

  private WebhookEvents() {}
}
