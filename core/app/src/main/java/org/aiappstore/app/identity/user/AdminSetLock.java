package org.aiappstore.app.identity.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;

/**
 * Serializes changes that can shrink the set of enabled admins (delete, disable, demote), across
 * threads and replicas, so that "is there another enabled admin?" and the change itself happen as
 * one step. Without transactions, two concurrent demotions of the last two admins could each see
 * the other still as admin and both succeed; a re-check-and-roll-back scheme would leave a window
 * where no admin exists. A lease held in one document ({@code identity_guards/admins}), taken with
 * an atomic conditional update, closes that window; the lease expires on its own if its holder
 * dies.
 */
@ApplicationScoped
public class AdminSetLock {

  private static final String ID = "admins";
  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Inject MongoConnection mongo;

  private Clock clock = Clock.systemUTC();

  public AdminSetLock() {}

  public AdminSetLock(MongoConnection mongo) {
    this.mongo = mongo;
  }

  public <T> T whileHolding(Supplier<T> action) {
    String holder = acquire();
    try {
      return action.get();
    } finally {
      guards()
          .updateOne(
              Filters.and(Filters.eq("_id", ID), Filters.eq("holder", holder)),
              Updates.combine(Updates.set("holder", null), Updates.set("until", new Date(0))));
    }
  }

  private String acquire() {
    String holder = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + WAIT.toNanos();
    long pause = 5;
    while (true) {
      Date now = Date.from(clock.instant());
      Document taken =
          guards()
              .findOneAndUpdate(
                  Filters.and(Filters.eq("_id", ID), Filters.lt("until", now)),
                  Updates.combine(
                      Updates.set("holder", holder),
                      Updates.set("until", Date.from(clock.instant().plus(LEASE)))));
      if (taken != null) {
        return holder;
      }
      createIfMissing();
      if (System.nanoTime() > deadline) {
        throw new ProblemException(
            409, "CONFLICT", "Another change to the admins is in progress; try again.");
      }
      try {
        // Waiting for another request to release the lease: there is no event to wait on.
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the admin lock", e);
      }
      pause = Math.min(pause * 2, 100);
    }
  }

  private void createIfMissing() {
    try {
      guards()
          .insertOne(new Document("_id", ID).append("holder", null).append("until", new Date(0)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  private MongoCollection<Document> guards() {
    return mongo.database().getCollection("identity_guards");
  }
}
