package org.aiappstore.app.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Named leases in the {@code leases} collection, so that a periodic task runs on one replica at a
 * time. Taking a lease is one atomic {@code findOneAndUpdate}: it matches only if the lease is
 * free, expired or already ours, and an upsert racing another replica for a lease that does not
 * exist yet fails on the unique {@code _id}. A holder that dies loses the lease when it expires.
 */
public class Leases {

  static final String COLLECTION = "leases";

  private final MongoConnection mongo;

  public Leases(MongoConnection mongo) {
    this.mongo = mongo;
  }

  private MongoCollection<Document> leases() {
    return mongo.database().getCollection(COLLECTION);
  }

  /**
   * Takes or renews a lease.
   *
   * @return whether {@code owner} holds the lease until {@code now + ttl}
   */
  public boolean acquire(String name, String owner, Duration ttl, Instant now) {
    try {
      Document held =
          leases()
              .findOneAndUpdate(
                  Filters.and(
                      Filters.eq("_id", name),
                      Filters.or(
                          Filters.eq("owner", owner), Filters.lte("expiresAt", Date.from(now)))),
                  Updates.combine(
                      Updates.set("owner", owner),
                      Updates.set("expiresAt", Date.from(now.plus(ttl)))),
                  new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      return held != null && owner.equals(held.getString("owner"));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    } catch (MongoCommandException e) {
      // findAndModify reports the duplicate key of a lost upsert race as a command error.
      if (e.getErrorCode() == 11000) {
        return false;
      }
      throw e;
    }
  }

  /** Gives a lease up early, if {@code owner} holds it. */
  public void release(String name, String owner) {
    leases().deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)));
  }
}
