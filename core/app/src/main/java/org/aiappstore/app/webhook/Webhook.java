package org.aiappstore.app.webhook;

import java.time.Instant;
import java.util.List;

/** A registered receiver: where events go, the secret their signature is keyed with, and which. */
public record Webhook(
    String id,
    String url,
    String secret,
    List<String> events,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public Webhook {
    events = List.copyOf(events);
  }
}
