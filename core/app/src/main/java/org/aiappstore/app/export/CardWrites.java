package org.aiappstore.app.export;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * The writes of an imported card other than its media files, each refused if what it relies on
 * changed meanwhile and each telling {@link Undo} how to take it back. What the undo needs and
 * could not find again after a crash goes to the card's {@link ImportJournal.Entry} first: the
 * documents a write deletes are saved there, and the revisions and the card carry its mark.
 */
final class CardWrites {

  private final MongoConnection mongo;
  private final CardRepository cards;
  private final RevisionRepository revisions;
  private final MediaReferences references;

  CardWrites(MongoConnection mongo, MediaReferences references) {
    this.mongo = mongo;
    this.cards = new CardRepository(mongo);
    this.revisions = new RevisionRepository(mongo);
    this.references = references;
  }

  private MongoCollection<Document> collection(String name) {
    return mongo.database().getCollection(name);
  }

  /** Claims the card's media files now; refused if one of them is being deleted here. */
  void claim(Set<String> mediaIds, Instant now) {
    Set<String> missing = references.claim(mediaIds, now);
    if (!missing.isEmpty()) {
      throw new Refused("media file " + missing.iterator().next() + " is being deleted here");
    }
  }

  /**
   * Removes a card the import replaces under another id (it holds the address), with its history;
   * refused if it changed since it was read. Its media are released once the import is complete.
   */
  void remove(Document existing, ImportJournal.Entry journal, Undo undo) {
    String cardId = existing.getString("_id");
    MongoCollection<Document> stored = collection(RevisionRepository.COLLECTION);
    List<Document> history = stored.find(Filters.eq("cardId", cardId)).into(new ArrayList<>());
    journal.save(CardRepository.COLLECTION, List.of(existing));
    journal.save(RevisionRepository.COLLECTION, history);
    long deleted =
        collection(CardRepository.COLLECTION)
            .deleteOne(
                Filters.and(
                    Filters.eq("_id", cardId), Filters.eq("version", existing.get("version"))))
            .getDeletedCount();
    if (deleted != 1) {
      throw new Refused("the card it replaces changed meanwhile");
    }
    undo.add(() -> putBack(collection(CardRepository.COLLECTION), List.of(existing)));
    undo.add(() -> putBack(stored, history));
    stored.deleteMany(Filters.in("_id", ids(history)));
  }

  /**
   * The imported history in place of the one the card id has here, if any. The undo deletes only
   * the revisions this import inserted: a revision someone else wrote meanwhile under the same
   * number stays. Refused if such a revision takes a number of the history meanwhile. The history
   * is read from the bundle while it is written, so it may also fail half-way, like any write.
   */
  void replaceHistory(
      String cardId, IncomingHistory history, ImportJournal.Entry journal, Undo undo)
      throws IOException {
    MongoCollection<Document> stored = collection(RevisionRepository.COLLECTION);
    List<Document> before = stored.find(Filters.eq("cardId", cardId)).into(new ArrayList<>());
    journal.save(RevisionRepository.COLLECTION, before);
    List<String> inserted = new ArrayList<>();
    undo.add(
        () -> {
          if (!inserted.isEmpty()) {
            stored.deleteMany(Filters.in("_id", inserted));
          }
          putBack(stored, before);
        });
    if (!before.isEmpty()) {
      stored.deleteMany(Filters.in("_id", ids(before)));
    }
    history.forEach(
        revision -> {
          try {
            revisions.insert(revision, journal.mark());
          } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
              throw new Refused("the card's history changed meanwhile");
            }
            throw e;
          }
          inserted.add(cardId + ":" + revision.number());
        });
  }

  /** Inserts the card, marked as the journal entry's: the commit point of its import. */
  void insert(ModelCard card, ImportJournal.Entry journal, Undo undo) {
    if (!cards.insert(card, journal.mark())) {
      throw new Refused("the card's id or address was taken meanwhile");
    }
    undo.add(() -> collection(CardRepository.COLLECTION).deleteOne(Filters.eq("_id", card.id())));
  }

  /**
   * Replaces the card with the same id in one write, if it has not changed since it was read,
   * marked as the journal entry's: the commit point of its import.
   */
  void replace(ModelCard card, Document existing, ImportJournal.Entry journal, Undo undo) {
    boolean replaced;
    try {
      replaced =
          ForeignJson.isWhole(existing.get("version"))
              && cards.compareAndSet(
                  card, ((Number) existing.get("version")).longValue(), journal.mark());
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new Refused("the card's address was taken meanwhile");
      }
      throw e;
    }
    if (!replaced) {
      throw new Refused("the card it replaces changed meanwhile");
    }
    undo.add(() -> putBack(collection(CardRepository.COLLECTION), List.of(existing)));
  }

  /** Releases the media of a card the import replaced; they are attached again on undo. */
  void release(Document existing, Undo undo) {
    String replacedId = existing.getString("_id");
    List<String> used = new ArrayList<>();
    if (existing.get("mediaIds") instanceof List<?> list) {
      list.stream().filter(String.class::isInstance).forEach(m -> used.add((String) m));
    }
    undo.add(() -> references.attach(used, replacedId));
    references.release(replacedId);
  }

  /** Attaches the imported card's media files to it. */
  void attach(Set<String> mediaIds, String cardId, Undo undo) {
    undo.add(() -> references.release(cardId));
    references.attach(mediaIds, cardId);
  }

  /** Writes documents back as they were read, whether or not they are still there. */
  private static void putBack(MongoCollection<Document> collection, List<Document> documents) {
    for (Document document : documents) {
      collection.replaceOne(
          Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
    }
  }

  private static List<Object> ids(List<Document> documents) {
    return documents.stream().map(d -> d.get("_id")).toList();
  }
}
