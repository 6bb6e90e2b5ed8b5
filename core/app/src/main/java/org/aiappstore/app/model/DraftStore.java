package org.aiappstore.app.model;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * Work in progress of the card wizard, one per user and key ({@code new} or a card id), so that
 * nothing typed is lost on a reload. The content is opaque JSON the web app owns.
 */
@ApplicationScoped
public class DraftStore {

  static final String COLLECTION = "card_drafts";

  @Inject MongoConnection mongo;

  public DraftStore() {}

  public DraftStore(MongoConnection mongo) {
    this.mongo = mongo;
  }

  private MongoCollection<Document> drafts() {
    return mongo.database().getCollection(COLLECTION);
  }

  private static String id(String userId, String key) {
    return userId + ":" + key;
  }

  public Optional<Draft> find(String userId, String key) {
    return Optional.ofNullable(drafts().find(Filters.eq("_id", id(userId, key))).first())
        .map(d -> new Draft(key, d.getString("content"), d.getDate("updatedAt").toInstant()));
  }

  public Draft save(String userId, String key, String contentJson, Instant now) {
    drafts()
        .replaceOne(
            Filters.eq("_id", id(userId, key)),
            new Document("_id", id(userId, key))
                .append("userId", userId)
                .append("key", key)
                .append("content", contentJson)
                .append("mediaIds", List.copyOf(DraftMedia.ids(contentJson)))
                .append("updatedAt", Date.from(now)),
            new ReplaceOptions().upsert(true));
    return new Draft(key, contentJson, now);
  }

  /**
   * Every media file some draft names; the cleanup of unused files keeps them. Drafts saved before
   * their files were recorded are read for them.
   */
  public Set<String> mediaInDrafts() {
    Set<String> ids = new HashSet<>();
    drafts().distinct("mediaIds", String.class).into(ids);
    drafts()
        .find(Filters.exists("mediaIds", false))
        .projection(new Document("content", 1))
        .forEach(d -> ids.addAll(DraftMedia.ids(d.getString("content"))));
    return ids;
  }

  public boolean delete(String userId, String key) {
    return drafts().deleteOne(Filters.eq("_id", id(userId, key))).getDeletedCount() == 1;
  }

  /** A deleted user leaves no drafts behind. */
  public void deleteAllOf(String userId) {
    drafts().deleteMany(Filters.eq("userId", userId));
  }

  /** A deleted card leaves no edit drafts behind, whoever started them. */
  public void deleteEveryonesDraft(String key) {
    drafts().deleteMany(Filters.eq("key", key));
  }

  /** A stored draft; {@code content} is the JSON text the web app sent. */
  public record Draft(String key, String content, Instant updatedAt) {}
}
