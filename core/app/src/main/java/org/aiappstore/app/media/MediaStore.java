package org.aiappstore.app.media;

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
import java.util.Locale;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/** The {@code media} collection: one document per uploaded file. */
@ApplicationScoped
public class MediaStore {

  public static final String COLLECTION = "media";

  @Inject MongoConnection mongo;

  public MediaStore() {}

  public MediaStore(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    media()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("ownerId"), Indexes.descending("createdAt")));
  }

  private MongoCollection<Document> media() {
    return mongo.database().getCollection(COLLECTION);
  }

  public void insert(MediaRecord record) {
    media()
        .insertOne(
            new Document("_id", record.id())
                .append("ownerId", record.ownerId())
                .append("key", record.key())
                .append("contentType", record.contentType())
                .append("kind", record.kind().id())
                .append("size", record.size())
                .append("sha256", record.sha256())
                .append("name", record.name())
                .append("createdAt", Date.from(record.createdAt()))
                .append("connectorId", record.connectorId()));
  }

  public Optional<MediaRecord> find(String id) {
    return Optional.ofNullable(media().find(Filters.eq("_id", id)).first()).map(MediaStore::record);
  }

  public boolean delete(String id) {
    return media().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
  }

  /** The owner's media, newest first (ties broken by id so pages never overlap). */
  public List<MediaRecord> findByOwner(String ownerId, int page, int size) {
    List<MediaRecord> found = new ArrayList<>();
    media()
        .find(Filters.eq("ownerId", ownerId))
        .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
        .skip(page * size)
        .limit(size)
        .forEach(d -> found.add(record(d)));
    return found;
  }

  public long countByOwner(String ownerId) {
    return media().countDocuments(Filters.eq("ownerId", ownerId));
  }

  private static MediaRecord record(Document d) {
    return new MediaRecord(
        d.getString("_id"),
        d.getString("ownerId"),
        d.getString("key"),
        d.getString("contentType"),
        MediaKind.valueOf(d.getString("kind").toUpperCase(Locale.ROOT)),
        ((Number) d.get("size")).longValue(),
        d.getString("sha256"),
        d.getString("name"),
        d.getDate("createdAt").toInstant(),
        d.getString("connectorId"));
  }
}
