package org.aiappstore.app.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code audit_log} collection. Append-only: this class inserts and reads records, and only the
 * retention cleanup deletes them, by age. A failure to write a record is logged and never fails the
 * action being audited.
 */
@ApplicationScoped
public class AuditLog {

  static final String COLLECTION = "audit_log";
  static final int MAX_FIELD = 200;
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

  @Inject MongoConnection mongo;

  private Clock clock = Clock.systemUTC();

  public AuditLog() {}

  public AuditLog(MongoConnection mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    records()
        .createIndex(Indexes.compoundIndex(Indexes.descending("at"), Indexes.descending("_id")));
    records().createIndex(Indexes.ascending("actor"));
    records().createIndex(Indexes.ascending("target"));
  }

  private MongoCollection<Document> records() {
    return mongo.database().getCollection(COLLECTION);
  }

  /** Appends a record stamped now. */
  public void record(
      String actorId,
      String actor,
      String action,
      String target,
      String outcome,
      Integer status,
      String clientAddress) {
    try {
      records()
          .insertOne(
              new Document("_id", UUID.randomUUID().toString())
                  .append("at", Date.from(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)))
                  .append("actorId", actorId)
                  .append("actor", clip(actor))
                  .append("action", clip(action))
                  .append("target", clip(target))
                  .append("outcome", outcome)
                  .append("status", status)
                  .append("clientAddress", clip(clientAddress)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write an audit record for " + action, e);
    }
  }

  /** Records matching {@code query}, newest first, at most {@code query.limit()}. */
  public List<AuditRecord> find(AuditQuery query) {
    List<Bson> parts = new ArrayList<>();
    if (query.actor() != null) {
      parts.add(Filters.eq("actor", query.actor()));
    }
    if (query.action() != null) {
      parts.add(Filters.regex("action", "^" + Pattern.quote(query.action())));
    }
    if (query.target() != null) {
      parts.add(Filters.eq("target", query.target()));
    }
    if (query.from() != null) {
      parts.add(Filters.gte("at", Date.from(query.from())));
    }
    if (query.to() != null) {
      parts.add(Filters.lt("at", Date.from(query.to())));
    }
    if (query.after() != null) {
      Date at = Date.from(query.after().at());
      parts.add(
          Filters.or(
              Filters.lt("at", at),
              Filters.and(Filters.eq("at", at), Filters.lt("_id", query.after().id()))));
    }
    List<AuditRecord> found = new ArrayList<>();
    records()
        .find(parts.isEmpty() ? new Document() : Filters.and(parts))
        .sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
        .limit(query.limit())
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  /** Deletes records older than {@code cutoff}; returns how many. */
  public long deleteOlderThan(Instant cutoff) {
    return records().deleteMany(Filters.lt("at", Date.from(cutoff))).getDeletedCount();
  }

  private static String clip(String value) {
    return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
  }

  private static AuditRecord fromDocument(Document d) {
    Number status = (Number) d.get("status");
    return new AuditRecord(
        d.getString("_id"),
        d.getDate("at").toInstant(),
        d.getString("actorId"),
        d.getString("actor"),
        d.getString("action"),
        d.getString("target"),
        d.getString("outcome"),
        status == null ? null : status.intValue(),
        d.getString("clientAddress"));
  }
}
