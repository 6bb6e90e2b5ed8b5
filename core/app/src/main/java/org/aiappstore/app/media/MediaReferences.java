package org.aiappstore.app.media;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which cards use which media files, kept on the media documents ({@code cardIds}), so that the
 * cleanup job removes only files nobody uses. The protocol that makes it safe without transactions:
 *
 * <ol>
 *   <li>an edit first <em>claims</em> the files it will reference ({@code claimedAt = now}); a
 *       claim fails for a file already marked {@code deleting};
 *   <li>the cleanup job marks a file {@code deleting} only if, in the same atomic update, it has no
 *       card, and it was neither created nor claimed within the grace period;
 *   <li>after the card is written, the edit attaches the card id.
 * </ol>
 *
 * So a file is either claimed (and the job leaves it alone for the grace period) or marked deleting
 * (and the edit is refused), never both.
 */
@ApplicationScoped
public class MediaReferences {

  @Inject MongoConnection mongo;

  public MediaReferences() {}

  public MediaReferences(MongoConnection mongo) {
    this.mongo = mongo;
  }

  private MongoCollection<Document> media() {
    return mongo.database().getCollection(MediaStore.COLLECTION);
  }

  /** Claims the files; returns the ids that could not be claimed (missing or being deleted). */
  public Set<String> claim(Collection<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    media()
        .updateMany(
            Filters.and(Filters.in("_id", ids), Filters.ne("deleting", true)),
            Updates.set("claimedAt", Date.from(now)));
    Set<String> missing = new HashSet<>(ids);
    media()
        .find(Filters.and(Filters.in("_id", ids), Filters.ne("deleting", true)))
        .projection(new Document("_id", 1))
        .forEach(d -> missing.remove(d.getString("_id")));
    return missing;
  }

  public void attach(Collection<String> ids, String cardId) {
    if (!ids.isEmpty()) {
      media().updateMany(Filters.in("_id", ids), Updates.addToSet("cardIds", cardId));
    }
  }

  /**
   * The card is gone: its files no longer count it as a user (the cleanup job takes it from here).
   */
  public void release(String cardId) {
    media().updateMany(Filters.eq("cardIds", cardId), Updates.pull("cardIds", cardId));
  }

  public Set<String> cardsUsing(String mediaId) {
    Document found =
        media().find(Filters.eq("_id", mediaId)).projection(new Document("cardIds", 1)).first();
    return found == null
        ? Set.of()
        : new HashSet<>(found.getList("cardIds", String.class, List.of()));
  }

  /** Unused files old enough to delete, and files whose earlier deletion did not finish. */
  List<String> cleanupCandidates(Instant graceStart, int limit) {
    List<String> ids = new java.util.ArrayList<>();
    media()
        .find(Filters.or(unusedSince(graceStart), Filters.eq("deleting", true)))
        .projection(new Document("_id", 1))
        .limit(limit)
        .forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  /** Atomically marks one file for deletion if it is still unused; false if someone claimed it. */
  boolean markDeleting(String id, Instant graceStart, Instant now) {
    Bson stillUnused =
        Filters.and(
            Filters.eq("_id", id),
            Filters.or(unusedSince(graceStart), Filters.eq("deleting", true)));
    return media()
            .updateOne(
                stillUnused,
                Updates.combine(
                    Updates.set("deleting", true), Updates.set("deletingAt", Date.from(now))))
            .getMatchedCount()
        == 1;
  }

  /**
   * Marks a file its owner deletes, if no card uses it and no edit claimed it since {@code
   * claimedBefore}; false otherwise.
   */
  boolean markDeletingIfUnused(String id, Instant claimedBefore) {
    Bson unused =
        Filters.and(
            Filters.eq("_id", id),
            Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)),
            Filters.or(
                Filters.exists("claimedAt", false),
                Filters.lt("claimedAt", Date.from(claimedBefore))));
    return media().updateOne(unused, Updates.set("deleting", true)).getMatchedCount() == 1;
  }

  private static Bson unusedSince(Instant graceStart) {
    Date before = Date.from(graceStart);
    return Filters.and(
        Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)),
        Filters.lt("createdAt", before),
        Filters.or(Filters.exists("claimedAt", false), Filters.lt("claimedAt", before)),
        Filters.ne("deleting", true));
  }
}
