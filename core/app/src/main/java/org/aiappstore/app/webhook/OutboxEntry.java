package org.aiappstore.app.webhook;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * One event for one webhook, and how its delivery went. {@code state} is {@value #PENDING} until a
 * receiver answers 2xx ({@value #DELIVERED}) or the attempts run out ({@value #FAILED}).
 */
public record OutboxEntry(
    String id,
    String webhookId,
    String type,
    Instant occurredAt,
    Document data,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Instant deliveredAt,
    List<Attempt> log) {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  public OutboxEntry {
    log = List.copyOf(log);
  }

  /**
   * One try: when, the response status (null when none came), what went wrong, how long it took.
   */
  public record Attempt(Instant at, Integer status, String error, long durationMs) {}
}
