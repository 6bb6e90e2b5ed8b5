package org.aiappstore.app.media;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.model.CardRepository;
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
 *
 * <p>Step 3 is a separate write and can fail or race a delete, so {@code cardIds} is only a hint:
 * the cards' own {@code mediaIds} are the truth. Before a file is deleted, {@link #keepIfListed}
 * asks the cards (and heals the record if one still lists the file), and {@link #releaseDeleted}
 * drops card ids whose card no longer exists.
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

  private MongoCollection<Document> cards() {
    return mongo.database().getCollection(CardRepository.COLLECTION);
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
    List<String> ids = new ArrayList<>();
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
   * claimedBefore}; false otherwise. Card ids of deleted cards do not count as users; a card that
   * lists the file counts even if the file does not name it.
   */
  boolean markDeletingIfUnused(String id, Instant claimedBefore) {
    releaseDeleted(cardsUsing(id));
    Bson unused =
        Filters.and(
            Filters.eq("_id", id),
            Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)),
            Filters.or(
                Filters.exists("claimedAt", false),
                Filters.lt("claimedAt", Date.from(claimedBefore))));
    if (media().updateOne(unused, Updates.set("deleting", true)).getMatchedCount() != 1) {
      return false;
    }
    return !keepIfListed(id);
  }

  /**
   * Drops the given card ids from every file's {@code cardIds} whose card no longer exists (an edit
   * that attached its files after the card was deleted); returns how many files changed.
   */
  long releaseDeleted(Collection<String> cardIds) {
    if (cardIds.isEmpty()) {
      return 0;
    }
    Set<String> gone = new HashSet<>(cardIds);
    cards()
        .find(Filters.in("_id", cardIds))
        .projection(new Document("_id", 1))
        .forEach(d -> gone.remove(d.getString("_id")));
    if (gone.isEmpty()) {
      return 0;
    }
    return media()
        .updateMany(Filters.in("cardIds", gone), Updates.pullAll("cardIds", List.copyOf(gone)))
        .getModifiedCount();
  }

  /** {@link #releaseDeleted} for every card id any file names, a batch at a time. */
  long releaseAllDeleted(int batch) {
    List<String> named = new ArrayList<>();
    media().distinct("cardIds", String.class).into(named);
    long changed = 0;
    for (int from = 0; from < named.size(); from += batch) {
      changed += releaseDeleted(named.subList(from, Math.min(named.size(), from + batch)));
    }
    return changed;
  }

  /**
   * Called on a file just marked deleting: if a card still lists it (its attach failed), the mark
   * is taken back and the file names those cards again; true if it was kept. An edit cannot start
   * listing a file while it is marked, so after a false answer no card will.
   */
  boolean keepIfListed(String id) {
    List<String> listing = new ArrayList<>();
    cards()
        .find(Filters.eq("mediaIds", id))
        .projection(new Document("_id", 1))
        .forEach(d -> listing.add(d.getString("_id")));
    if (listing.isEmpty()) {
      return false;
    }
    media()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(
                Updates.unset("deleting"),
                Updates.unset("deletingAt"),
                Updates.addEachToSet("cardIds", listing)));
    return true;
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
