package org.aiappstore.app.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.aiappstore.app.persistence.Leases;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Delivers due outbox records on the one instance holding the {@value #LEASE} lease. Each record is
 * claimed before it is sent and its attempt recorded after, both conditionally, so even an instance
 * that lost its lease mid-send cannot deliver a record twice at once. A record whose sender died is
 * retried after the claim expires: receivers de-duplicate by delivery id.
 */
public class DeliveryWorker {

  public static final String LEASE = "webhooks";
  static final int BATCH = 50;
  private static final JsonWriterSettings JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final WebhookStore hooks;
  private final Outbox outbox;
  private final Leases leases;
  private final HttpDelivery http;
  private final Supplier<HostAllowList> allowList;
  private final Backoff backoff;
  private final int maxAttempts;
  private final String instanceId;
  private final Clock clock;
  private final Duration leaseTtl;

  public DeliveryWorker(
      WebhookStore hooks,
      Outbox outbox,
      Leases leases,
      HttpDelivery http,
      Supplier<HostAllowList> allowList,
      Backoff backoff,
      int maxAttempts,
      String instanceId,
      Clock clock,
      Duration leaseTtl) {
    this.hooks = hooks;
    this.outbox = outbox;
    this.leases = leases;
    this.http = http;
    this.allowList = allowList;
    this.backoff = backoff;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.instanceId = instanceId;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /** One pass over the due deliveries; returns how many were attempted (0 without the lease). */
  public int tick() {
    if (!leases.acquire(LEASE, instanceId, leaseTtl, clock.instant())) {
      return 0;
    }
    int attempted = 0;
    for (OutboxEntry entry : outbox.due(clock.instant(), BATCH)) {
      // Renewed per delivery, so a long batch never outlives the lease.
      if (!leases.acquire(LEASE, instanceId, leaseTtl, clock.instant())) {
        break;
      }
      if (outbox.claim(entry, clock.instant().plus(leaseTtl))) {
        attempt(entry);
        attempted++;
      }
    }
    return attempted;
  }

  public void release() {
    leases.release(LEASE, instanceId);
  }

  private void attempt(OutboxEntry entry) {
    Instant start = clock.instant();
    Optional<Webhook> hook = hooks.find(entry.webhookId());
    if (hook.isEmpty() || !hook.get().enabled()) {
      giveUp(entry, start, hook.isEmpty() ? "the webhook was deleted" : "the webhook is disabled");
      return;
    }
    Optional<String> refusal = allowList.get().refusal(hook.get().url());
    if (refusal.isPresent()) {
      giveUp(entry, start, "not sent: URL " + refusal.get());
      return;
    }
    byte[] body = body(entry);
    Integer status = null;
    String error = null;
    try {
      status = http.post(hook.get().url(), headers(entry, hook.get(), body), body);
      if (status < 200 || status > 299) {
        error = "HTTP " + status;
      }
    } catch (ConnectException e) {
      error = "connection refused";
    } catch (IOException | IllegalArgumentException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    Instant end = clock.instant();
    OutboxEntry.Attempt attempt =
        new OutboxEntry.Attempt(start, status, error, Duration.between(start, end).toMillis());
    int attempts = entry.attempts() + 1;
    if (error == null) {
      outbox.recordAttempt(entry, attempt, OutboxEntry.DELIVERED, end);
    } else if (attempts >= maxAttempts) {
      outbox.recordAttempt(entry, attempt, OutboxEntry.FAILED, end);
    } else {
      outbox.recordAttempt(entry, attempt, OutboxEntry.PENDING, end.plus(backoff.after(attempts)));
    }
  }

  /** Failures no retry can fix end the delivery at once. */
  private void giveUp(OutboxEntry entry, Instant at, String reason) {
    outbox.recordAttempt(
        entry, new OutboxEntry.Attempt(at, null, reason, 0), OutboxEntry.FAILED, at);
  }

  /** {@code {id, type, occurredAt, data}}: the exact bytes that are signed and sent. */
  static byte[] body(OutboxEntry entry) {
    Document payload =
        new Document("id", entry.id())
            .append("type", entry.type())
            .append("occurredAt", entry.occurredAt().toString())
            .append("data", entry.data());
    return payload.toJson(JSON).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(OutboxEntry entry, Webhook hook, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(Signature.HEADER, Signature.of(hook.secret(), body));
    headers.put("X-AIAppStore-Event", entry.type());
    headers.put("X-AIAppStore-Delivery", entry.id());
    return headers;
  }
}
