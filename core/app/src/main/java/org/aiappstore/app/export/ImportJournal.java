package org.aiappstore.app.export;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The durable side of a card's {@link Undo}: what repairs a card whose import stopped half-way
 * because its server died (killed, out of memory, node lost), when the in-memory undo died with it.
 *
 * <p>Before the first write of a card, {@link #begin} stores an entry ({@value #COLLECTION}, one
 * per job and card id here) naming the media files the import will store, the time it claims them
 * with and the cards it replaces. Before a write deletes a document (a card it replaces under
 * another id, a revision of the history it replaces) the document is saved in {@value #SAVED}, one
 * document per saved document, so that no entry comes near MongoDB's 16 MB limit however long a
 * history is. The revisions and the card the import writes carry its entry id as {@link
 * CardRepository#IMPORT_MARK}. The entry is deleted once the card's last write is done, or once the
 * in-memory undo ran after a failure.
 *
 * <p>The commit point is the write of the card document (its insert, or its compare-and-set over
 * the card with the same id). Before it, recovery <em>rolls back</em> as the undo does: it deletes
 * the revisions carrying the mark, puts back the saved cards and revisions that are missing (never
 * over a document someone wrote since), and deletes the new media files no card uses or claimed
 * since. After it, the card is visible and may already have been edited, so recovery <em>rolls
 * forward</em>: the media of the replaced cards are released and the card's media attached.
 *
 * <p>Which side a crash left is read from the card itself: the commit happened exactly when the
 * card with this id carries this entry's mark, or the entry's {@code committed} flag (set right
 * after the write) says so, which also covers a card deleted since. The mark is written by the same
 * atomic write that commits, and {@link CardRepository#compareAndSet} keeps it through later edits,
 * so an edit of the new card after the commit leaves it, while an edit of the old card (same id,
 * during an in-place replace) never has it. Versions or dates could not tell these apart: an edit
 * of the old card may reach the very version the import writes.
 *
 * <p>Each step of a recovery is idempotent, so a recovery may run again, or on another server, and
 * an entry whose recovery failed stays for the next one. A recovery fires {@link CardChanged} for
 * the cards whose state it changed or whose import events were never fired.
 */
final class ImportJournal {

  static final String COLLECTION = "import_journal";
  static final String SAVED = "import_journal_saved";
  private static final Logger LOG = Logger.getLogger(ImportJournal.class.getName());

  private final MongoConnection mongo;
  private final Function<String, DataConnector> connectors;
  private final BiConsumer<String, CardChanged.Kind> changes;
  private final MediaReferences references;

  /**
   * @param connectors the data connector of a media record's {@code connectorId}, to delete the
   *     bytes of a file a rolled back import stored
   * @param changes told about each card a recovery changed
   */
  ImportJournal(
      MongoConnection mongo,
      Function<String, DataConnector> connectors,
      BiConsumer<String, CardChanged.Kind> changes) {
    this.mongo = mongo;
    this.connectors = connectors;
    this.changes = changes;
    this.references = new MediaReferences(mongo);
    entries().createIndex(Indexes.ascending("jobId"));
    saved().createIndex(Indexes.ascending("entry"));
  }

  private MongoCollection<Document> entries() {
    return mongo.database().getCollection(COLLECTION);
  }

  private MongoCollection<Document> saved() {
    return mongo.database().getCollection(SAVED);
  }

  private MongoCollection<Document> collection(String name) {
    return mongo.database().getCollection(name);
  }

  /**
   * Stores the entry of card {@code cardId} (its id here) imported by job {@code jobId}, before
   * anything of it is written.
   *
   * @param now the time its new media files are created and claimed at
   * @param newMedia the ids of the media files it will store (not the ones it reuses)
   * @param replaced the ids of the cards it replaces, its own id included when it replaces in place
   */
  Entry begin(
      String jobId,
      String cardId,
      Instant now,
      Collection<String> newMedia,
      Collection<String> replaced) {
    String id = jobId + ":" + cardId;
    entries()
        .insertOne(
            new Document("_id", id)
                .append("jobId", jobId)
                .append("cardId", cardId)
                .append("at", Date.from(now))
                .append("newMedia", List.copyOf(newMedia))
                .append("replaced", List.copyOf(replaced))
                .append("committed", false));
    return new Entry(id);
  }

  /** The entry of one card being imported, as its writes go on. */
  final class Entry {

    private final String id;

    private Entry(String id) {
      this.id = id;
    }

    /** The {@link CardRepository#IMPORT_MARK} of the card's writes. */
    String mark() {
      return id;
    }

    /** Saves documents of {@code collection} before the import deletes them. */
    void save(String collection, List<Document> documents) {
      List<WriteModel<Document>> writes = new ArrayList<>();
      for (Document document : documents) {
        Document copy =
            new Document("_id", id + ":" + collection + ":" + document.get("_id"))
                .append("entry", id)
                .append("collection", collection)
                .append("document", document);
        writes.add(
            new ReplaceOneModel<>(
                Filters.eq("_id", copy.get("_id")), copy, new ReplaceOptions().upsert(true)));
      }
      if (!writes.isEmpty()) {
        saved().bulkWrite(writes);
      }
    }

    /** The card is written: from now on a recovery rolls forward. */
    void committed() {
      entries().updateOne(Filters.eq("_id", id), Updates.set("committed", true));
    }

    /** The card's import fails: its undo takes back the card too, a recovery has to as well. */
    void uncommitted() {
      entries().updateOne(Filters.eq("_id", id), Updates.set("committed", false));
    }

    /** The card's import is over (done, or taken back by the undo): nothing left to repair. */
    void end() {
      forget(id);
    }
  }

  /**
   * Repairs every card job {@code jobId} left half-written; harmless when there is none or when
   * called again. Returns how many cards it repaired; an entry it could not repair stays (logged).
   */
  int repair(String jobId) {
    int repaired = 0;
    for (Document entry : entries().find(Filters.eq("jobId", jobId))) {
      try {
        repair(entry);
        repaired++;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Could not repair the interrupted import of card "
                + entry.getString("cardId")
                + " (job "
                + jobId
                + "); the next import sweep tries again",
            e);
      }
    }
    return repaired;
  }

  /**
   * Repairs the entries of jobs that are no longer running (ended, or deleted): those whose repair
   * when the job ended failed or never happened. Returns how many cards it repaired.
   */
  int sweep(JobRepository jobs) {
    List<String> jobIds = entries().distinct("jobId", String.class).into(new ArrayList<>());
    int repaired = 0;
    for (String jobId : jobIds) {
      if (jobs.find(jobId).map(job -> job.state().terminal()).orElse(true)) {
        repaired += repair(jobId);
      }
    }
    return repaired;
  }

  private void repair(Document entry) {
    String id = entry.getString("_id");
    String cardId = entry.getString("cardId");
    Document card = collection(CardRepository.COLLECTION).find(Filters.eq("_id", cardId)).first();
    boolean committed =
        Boolean.TRUE.equals(entry.get("committed"))
            || (card != null && id.equals(card.get(CardRepository.IMPORT_MARK)));
    Set<String> created;
    if (committed) {
      rollForward(entry, card);
      created = card == null ? Set.of() : Set.of(cardId);
    } else {
      created = rollBack(entry);
    }
    forget(id);
    LOG.info(
        () ->
            "Repaired the interrupted import of card "
                + cardId
                + " (job "
                + entry.getString("jobId")
                + "): "
                + (committed ? "completed" : "taken back")
                + ".");
    // As the import announces a card it completed, with the replaced cards first.
    if (committed) {
      for (String replaced : strings(entry, "replaced")) {
        if (replaced.equals(cardId)
            || collection(CardRepository.COLLECTION).countDocuments(Filters.eq("_id", replaced))
                == 0) {
          changes.accept(replaced, CardChanged.Kind.DELETED);
        }
      }
    }
    for (String restored : created) {
      changes.accept(restored, CardChanged.Kind.CREATED);
    }
  }

  /**
   * The card is written: the cards it replaced under another id are gone, so their media are
   * released; the media files name the card exactly when it lists them now (it may have been
   * edited, or deleted, since).
   */
  private void rollForward(Document entry, Document card) {
    String cardId = entry.getString("cardId");
    for (String replaced : strings(entry, "replaced")) {
      if (!replaced.equals(cardId)) {
        references.release(replaced);
      }
    }
    if (card == null) {
      references.release(cardId);
      return;
    }
    List<String> listed = card.getList("mediaIds", String.class, List.of());
    collection(MediaStore.COLLECTION)
        .updateMany(
            Filters.and(Filters.eq("cardIds", cardId), Filters.nin("_id", listed)),
            Updates.pull("cardIds", cardId));
    references.attach(listed, cardId);
  }

  /**
   * The card is not written: takes back the revisions the import wrote, puts back what it deleted
   * and is still missing, and deletes the files it stored that nobody uses or claimed since.
   * Returns the cards it put back.
   */
  private Set<String> rollBack(Document entry) {
    String id = entry.getString("_id");
    MongoCollection<Document> revisions = collection(RevisionRepository.COLLECTION);
    revisions.deleteMany(
        Filters.and(
            Filters.eq("cardId", entry.getString("cardId")),
            Filters.eq(CardRepository.IMPORT_MARK, id)));
    Set<String> putBack = new LinkedHashSet<>();
    for (String name : List.of(CardRepository.COLLECTION, RevisionRepository.COLLECTION)) {
      for (Document copy : saved().find(Filters.and(Filters.eq("entry", id), collectionIs(name)))) {
        Document document = copy.get("document", Document.class);
        if (insertIfMissing(collection(name), document) && name.equals(CardRepository.COLLECTION)) {
          putBack.add(document.getString("_id"));
        }
      }
    }
    deleteStoredMedia(strings(entry, "newMedia"), entry.getDate("at"));
    return putBack;
  }

  private static Bson collectionIs(String name) {
    return Filters.eq("collection", name);
  }

  /**
   * Inserts the document unless one with its id exists; true if it inserted it. A card whose
   * address (owner and slug) someone took since cannot come back: that fails, and the entry with
   * its saved copy stays.
   */
  private static boolean insertIfMissing(MongoCollection<Document> collection, Document document) {
    try {
      collection.insertOne(document);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
          && collection.countDocuments(Filters.eq("_id", document.get("_id"))) == 1) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Deletes the files the import stored (created and claimed at {@code at}), unless a card uses one
   * or an edit claimed it since: marked deleting first (so no edit can claim it any more), then the
   * bytes, then the record. A file left marked is also finished by the media cleanup.
   */
  private void deleteStoredMedia(List<String> ids, Date at) {
    if (ids.isEmpty()) {
      return;
    }
    MongoCollection<Document> media = collection(MediaStore.COLLECTION);
    Bson ours =
        Filters.and(
            Filters.in("_id", ids),
            Filters.eq("createdAt", at),
            Filters.or(Filters.exists("claimedAt", false), Filters.eq("claimedAt", at)),
            Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)));
    media.updateMany(
        Filters.and(ours, Filters.ne("deleting", true)),
        Updates.combine(Updates.set("deleting", true), Updates.set("deletingAt", new Date())));
    for (Document record : media.find(Filters.and(ours, Filters.eq("deleting", true)))) {
      connectors.apply(record.getString("connectorId")).delete(record.getString("key"));
      media.deleteOne(
          Filters.and(Filters.eq("_id", record.get("_id")), Filters.eq("deleting", true)));
    }
  }

  private void forget(String id) {
    saved().deleteMany(Filters.eq("entry", id));
    entries().deleteOne(Filters.eq("_id", id));
  }

  private static List<String> strings(Document entry, String field) {
    return entry.getList(field, String.class, List.of());
  }
}
