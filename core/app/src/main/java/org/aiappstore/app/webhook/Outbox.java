package org.aiappstore.app.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * The {@code webhook_outbox} collection: one record per webhook and event, written when the event
 * happens, so that a restart loses nothing. Every change of a record is conditional on the number
 * of attempts it had, so two workers can never both record the same attempt.
 */
@ApplicationScoped
public class Outbox {

  static final String COLLECTION = "webhook_outbox";

  @Inject MongoConnection mongo;

  public Outbox() {}

  public Outbox(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    records().createIndex(Indexes.ascending("state", "nextAttemptAt"));
    records()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("webhookId"), Indexes.descending("createdAt")));
  }

  private MongoCollection<Document> records() {
    return mongo.database().getCollection(COLLECTION);
  }

  /** Appends a pending delivery, due at once; returns its id (the delivery id receivers see). */
  public String enqueue(String webhookId, String type, Instant occurredAt, Document data) {
    String id = UUID.randomUUID().toString();
    records()
        .insertOne(
            new Document("_id", id)
                .append("webhookId", webhookId)
                .append("type", type)
                .append("occurredAt", Date.from(occurredAt))
                .append("data", data)
                .append("state", OutboxEntry.PENDING)
                .append("attempts", 0)
                .append("nextAttemptAt", Date.from(occurredAt))
                .append("createdAt", Date.from(occurredAt))
                .append("log", List.of()));
    return id;
  }

  /** Pending deliveries due at {@code now}, the longest waiting first. */
  public List<OutboxEntry> due(Instant now, int limit) {
    List<OutboxEntry> found = new ArrayList<>();
    records()
        .find(
            Filters.and(
                Filters.eq("state", OutboxEntry.PENDING),
                Filters.lte("nextAttemptAt", Date.from(now))))
        .sort(Sorts.ascending("nextAttemptAt"))
        .limit(limit)
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  /**
   * Takes a due delivery for one attempt: pushes its next attempt to {@code until}, so that should
   * this worker die while sending, the delivery is retried once that has passed.
   *
   * @return false if another worker took it or recorded an attempt meanwhile
   */
  public boolean claim(OutboxEntry entry, Instant until) {
    return records()
            .updateOne(
                Filters.and(
                    Filters.eq("_id", entry.id()),
                    Filters.eq("state", OutboxEntry.PENDING),
                    Filters.eq("attempts", entry.attempts())),
                Updates.set("nextAttemptAt", Date.from(until)))
            .getModifiedCount()
        == 1;
  }

  /** Records one attempt of a claimed delivery and its new state. */
  public boolean recordAttempt(
      OutboxEntry entry, OutboxEntry.Attempt attempt, String state, Instant nextAttemptAt) {
    Document logged =
        new Document("at", Date.from(attempt.at()))
            .append("status", attempt.status())
            .append("error", attempt.error())
            .append("durationMs", attempt.durationMs());
    return records()
            .updateOne(
                Filters.and(
                    Filters.eq("_id", entry.id()), Filters.eq("attempts", entry.attempts())),
                Updates.combine(
                    Updates.push("log", logged),
                    Updates.inc("attempts", 1),
                    Updates.set("state", state),
                    Updates.set("nextAttemptAt", Date.from(nextAttemptAt)),
                    Updates.set(
                        "deliveredAt",
                        OutboxEntry.DELIVERED.equals(state) ? Date.from(attempt.at()) : null)))
            .getModifiedCount()
        == 1;
  }

  /** The deliveries of one webhook, newest first. */
  public List<OutboxEntry> forWebhook(String webhookId, int limit) {
    List<OutboxEntry> found = new ArrayList<>();
    records()
        .find(Filters.eq("webhookId", webhookId))
        .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
        .limit(limit)
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public void deleteForWebhook(String webhookId) {
    records().deleteMany(Filters.eq("webhookId", webhookId));
  }

  private static OutboxEntry fromDocument(Document d) {
    List<OutboxEntry.Attempt> log = new ArrayList<>();
    for (Document a : d.getList("log", Document.class, List.of())) {
      Number status = (Number) a.get("status");
      Number duration = (Number) a.get("durationMs");
      log.add(
          new OutboxEntry.Attempt(
              a.getDate("at").toInstant(),
              status == null ? null : status.intValue(),
              a.getString("error"),
              duration == null ? 0 : duration.longValue()));
    }
    Date delivered = d.getDate("deliveredAt");
    return new OutboxEntry(
        d.getString("_id"),
        d.getString("webhookId"),
        d.getString("type"),
        d.getDate("occurredAt").toInstant(),
        d.get("data", new Document()),
        d.getString("state"),
        ((Number) d.get("attempts")).intValue(),
        d.getDate("nextAttemptAt").toInstant(),
        delivered == null ? null : delivered.toInstant(),
        log);
  }
}
