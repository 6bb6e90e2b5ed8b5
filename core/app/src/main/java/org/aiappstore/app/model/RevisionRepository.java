package org.aiappstore.app.model;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/** The {@code card_revisions} collection: one document per change, keyed by card and number. */
@ApplicationScoped
public class RevisionRepository {

  public static final String COLLECTION = "card_revisions";

  @Inject MongoConnection mongo;

  public RevisionRepository() {}

  public RevisionRepository(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    revisions()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("cardId"), Indexes.descending("number")));
  }

  private MongoCollection<Document> revisions() {
    return mongo.database().getCollection(COLLECTION);
  }

  public void insert(Revision revision) {
    insert(revision, null);
  }

  /**
   * {@link #insert(Revision)} with the {@link CardRepository#IMPORT_MARK} of the import writing it.
   */
  public void insert(Revision revision, String importMark) {
    Document document =
        new Document("_id", revision.cardId() + ":" + revision.number())
            .append("cardId", revision.cardId())
            .append("number", revision.number())
            .append("authorId", revision.authorId())
            .append("createdAt", Date.from(revision.createdAt()))
            .append("fields", revision.fields())
            .append("restoredFrom", revision.restoredFrom())
            .append("content", ContentDocuments.toDocument(revision.content()));
    if (importMark != null) {
      document.append(CardRepository.IMPORT_MARK, importMark);
    }
    revisions().insertOne(document);
  }

  /** Newest first. */
  public List<Revision> list(String cardId) {
    List<Revision> found = new ArrayList<>();
    revisions()
        .find(Filters.eq("cardId", cardId))
        .sort(Sorts.descending("number"))
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public Optional<Revision> find(String cardId, long number) {
    return Optional.ofNullable(revisions().find(Filters.eq("_id", cardId + ":" + number)).first())
        .map(RevisionRepository::fromDocument);
  }

  public void deleteAll(String cardId) {
    revisions().deleteMany(Filters.eq("cardId", cardId));
  }

  private static Revision fromDocument(Document d) {
    Number restoredFrom = (Number) d.get("restoredFrom");
    return new Revision(
        d.getString("cardId"),
        ((Number) d.get("number")).longValue(),
        d.getString("authorId"),
        d.getDate("createdAt").toInstant(),
        d.getList("fields", String.class, List.of()),
        restoredFrom == null ? null : restoredFrom.longValue(),
        ContentDocuments.fromDocument(d.get("content", Document.class)));
  }
}
