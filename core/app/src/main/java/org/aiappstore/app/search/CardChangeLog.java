package org.aiappstore.app.search;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * The {@code card_changes} collection: one entry per card write, numbered by a counter that only
 * grows, so every replica's search index can catch up with the writes of the others by reading the
 * entries after the last number it applied (MongoDB change streams would do this, but the embedded
 * server has none).
 *
 * <p>Taking a number ({@link #nextSeq}) and writing the entry ({@link #record}) are two operations
 * without a transaction, so an entry can appear after entries with higher numbers: readers must not
 * assume that the log has no holes below its newest entry (see {@link SearchIndexer}).
 *
 * <p>The counter document also holds the log's {@code epoch}, a random id chosen when the counter
 * is created: an index built from another database (or from this one before it was wiped) carries
 * another epoch and is rebuilt.
 */
@ApplicationScoped
public class CardChangeLog {

  static final String COLLECTION = "card_changes";
  static final String COUNTERS = "counters";
  static final String COUNTER_ID = "card_changes";

  @Inject MongoConnection mongo;

  public CardChangeLog() {}

  public CardChangeLog(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    changes().createIndex(Indexes.ascending("at"));
  }

  private MongoCollection<Document> changes() {
    return mongo.database().getCollection(COLLECTION);
  }

  private MongoCollection<Document> counters() {
    return mongo.database().getCollection(COUNTERS);
  }

  /** One card write: the card's id is all a reader needs, since it re-reads the card. */
  public record Change(long seq, String cardId, CardChanged.Kind kind, Instant at) {}

  /** The log's head: the last number taken (possibly not yet written) and the log's epoch. */
  public record Head(long seq, String epoch) {}

  /** Takes the next number (atomically, across replicas) and writes the entry. */
  public long append(String cardId, CardChanged.Kind kind, Instant at) {
    long seq = nextSeq();
    record(seq, cardId, kind, at);
    return seq;
  }

  /** Takes the next number; {@link #record} must follow. */
  long nextSeq() {
    // The counter as it was before the increment, plus one: the embedded server answers with the
    // live document for "after", which a concurrent increment can change before it is sent.
    Document before =
        counters()
            .findOneAndUpdate(
                Filters.eq("_id", COUNTER_ID),
                Updates.combine(
                    Updates.inc("seq", 1L),
                    Updates.setOnInsert("epoch", UUID.randomUUID().toString())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
    return before == null ? 1 : ((Number) before.get("seq")).longValue() + 1;
  }

  /** Writes the entry for a number taken with {@link #nextSeq}. */
  void record(long seq, String cardId, CardChanged.Kind kind, Instant at) {
    changes()
        .insertOne(
            new Document("_id", seq)
                .append("cardId", cardId)
                .append("kind", kind.name())
                .append("at", Date.from(at)));
  }

  /** The head of the log, creating the counter (and so the epoch) when there is none yet. */
  public Head head() {
    Document counter = counters().find(Filters.eq("_id", COUNTER_ID)).first();
    if (counter == null) {
      counters()
          .updateOne(
              Filters.eq("_id", COUNTER_ID),
              Updates.combine(
                  Updates.setOnInsert("seq", 0L),
                  Updates.setOnInsert("epoch", UUID.randomUUID().toString())),
              new UpdateOptions().upsert(true));
      counter = counters().find(Filters.eq("_id", COUNTER_ID)).first();
    }
    return new Head(((Number) counter.get("seq")).longValue(), counter.getString("epoch"));
  }

  /** Up to {@code limit} entries numbered above {@code seq}, lowest first. */
  public List<Change> after(long seq, int limit) {
    List<Change> found = new ArrayList<>();
    changes()
        .find(Filters.gt("_id", seq))
        .sort(Sorts.ascending("_id"))
        .limit(limit)
        .forEach(
            d ->
                found.add(
                    new Change(
                        ((Number) d.get("_id")).longValue(),
                        d.getString("cardId"),
                        CardChanged.Kind.valueOf(d.getString("kind")),
                        d.getDate("at").toInstant())));
    return found;
  }

  /** The lowest number still in the log, if any entry is. */
  public OptionalLong oldestSeq() {
    Document oldest = changes().find().sort(Sorts.ascending("_id")).limit(1).first();
    return oldest == null
        ? OptionalLong.empty()
        : OptionalLong.of(((Number) oldest.get("_id")).longValue());
  }

  /** Deletes entries written before {@code cutoff}; returns how many. */
  public long trim(Instant cutoff) {
    return changes().deleteMany(Filters.lt("at", Date.from(cutoff))).getDeletedCount();
  }
}
