package org.aiappstore.app.model;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code model_cards} collection. A unique index keeps slugs unique per owner; writes are
 * compare-and-set on {@code version}, so a stale edit changes nothing (no transactions needed). A
 * write sets the fields of {@link ModelCard} and keeps any other field of the document: the {@link
 * #IMPORT_MARK} an import left stays through later edits.
 */
@ApplicationScoped
public class CardRepository {

  public static final String COLLECTION = "model_cards";

  /**
   * The field of a card or revision document naming the import (its journal entry) that wrote it,
   * so that recovering an interrupted import can tell its own writes from anyone else's. Not part
   * of the card: never read into a {@link ModelCard}, never exported.
   */
  public static final String IMPORT_MARK = "importMark";

  @Inject MongoConnection mongo;

  public CardRepository() {}

  public CardRepository(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    cards()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("ownerId"), Indexes.ascending("slug")),
            new IndexOptions().unique(true));
    cards().createIndex(Indexes.descending("updatedAt"));
  }

  private MongoCollection<Document> cards() {
    return mongo.database().getCollection(COLLECTION);
  }

  /** Stores a new card; false when the owner already has a card with this slug. */
  public boolean insert(ModelCard card) {
    return insert(card, null);
  }

  /** {@link #insert(ModelCard)} with the {@link #IMPORT_MARK} of the import writing it. */
  public boolean insert(ModelCard card, String importMark) {
    Document document = toDocument(card);
    if (importMark != null) {
      document.append(IMPORT_MARK, importMark);
    }
    try {
      cards().insertOne(document);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  public Optional<ModelCard> findById(String id) {
    return Optional.ofNullable(cards().find(Filters.eq("_id", id)).first())
        .map(CardRepository::fromDocument);
  }

  public Optional<ModelCard> findBySlug(String ownerId, String slug) {
    return Optional.ofNullable(
            cards()
                .find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", slug)))
                .first())
        .map(CardRepository::fromDocument);
  }

  /**
   * Writes the card only if the stored one still has {@code expectedVersion}: one atomic update
   * setting every field of the card; a field it does not name (an import's mark) stays.
   */
  public boolean compareAndSet(ModelCard next, long expectedVersion) {
    return compareAndSet(next, expectedVersion, null);
  }

  /**
   * {@link #compareAndSet(ModelCard, long)} with the {@link #IMPORT_MARK} of the import writing it.
   */
  public boolean compareAndSet(ModelCard next, long expectedVersion, String importMark) {
    Document fields = toDocument(next);
    fields.remove("_id");
    if (importMark != null) {
      fields.append(IMPORT_MARK, importMark);
    }
    return cards()
            .updateOne(
                Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", expectedVersion)),
                new Document("$set", fields))
            .getMatchedCount()
        == 1;
  }

  /** How a write that gives a card another address (owner and slug) ended. */
  public enum Move {
    DONE,
    /** The stored card is no longer at the expected version: nothing was written. */
    STALE,
    /** The new owner already has a card with this slug: nothing was written. */
    SLUG_TAKEN
  }

  /** {@link #compareAndSet} for a card whose owner or slug changes, which may collide. */
  public Move move(ModelCard next, long expectedVersion) {
    try {
      return compareAndSet(next, expectedVersion) ? Move.DONE : Move.STALE;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return Move.SLUG_TAKEN;
      }
      throw e;
    }
  }

  /** Deletes the card, only at {@code expectedVersion} when one is given. */
  public boolean delete(String id, Long expectedVersion) {
    Bson filter =
        expectedVersion == null
            ? Filters.eq("_id", id)
            : Filters.and(Filters.eq("_id", id), Filters.eq("version", expectedVersion));
    return cards().deleteOne(filter).getDeletedCount() == 1;
  }

  /** Cards matching {@code filter} (null: all), most recently updated first. */
  public List<ModelCard> page(Bson filter, int page, int size) {
    List<ModelCard> found = new ArrayList<>();
    cards()
        .find(filter == null ? new Document() : filter)
        .sort(Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.descending("_id")))
        .skip(page * size)
        .limit(size)
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public long count(Bson filter) {
    return cards().countDocuments(filter == null ? new Document() : filter);
  }

  /**
   * Calls {@code action} with every card, in no particular order, reading in batches: for consumers
   * that derive data from all cards, such as the search index.
   */
  public void forEach(Consumer<ModelCard> action) {
    cards().find().batchSize(200).forEach(d -> action.accept(fromDocument(d)));
  }

  /** The version of every card by id, to compare derived data with the cards cheaply. */
  public Map<String, Long> versions() {
    Map<String, Long> versions = new HashMap<>();
    cards()
        .find()
        .projection(Projections.include("_id", "version"))
        .batchSize(1000)
        .forEach(d -> versions.put(d.getString("_id"), ((Number) d.get("version")).longValue()));
    return versions;
  }

  private static Document toDocument(ModelCard card) {
    return new Document("_id", card.id())
        .append("ownerId", card.ownerId())
        .append("slug", card.slug())
        .append("content", ContentDocuments.toDocument(card.content()))
        .append("mediaIds", new ArrayList<>(card.mediaIds()))
        .append("createdAt", Date.from(card.createdAt()))
        .append("updatedAt", Date.from(card.updatedAt()))
        .append("version", card.version());
  }

  static ModelCard fromDocument(Document d) {
    return new ModelCard(
        d.getString("_id"),
        d.getString("ownerId"),
        d.getString("slug"),
        ContentDocuments.fromDocument(d.get("content", Document.class)),
        new HashSet<>(d.getList("mediaIds", String.class, List.of())),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        ((Number) d.get("version")).longValue());
  }
}
