package org.aiappstore.app.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A registered receiver: where events go, the secret their signature is keyed with, and which.
 * {@code version} starts at 1 and grows by one on every change; it is the ETag a change must name.
 */
public record Webhook(
    String id,
    String url,
    String secret,
    List<String> events,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Webhook {
    events = List.copyOf(events);
  }

  public String etag() {
    return "\"" + version + "\"";
  }
}
