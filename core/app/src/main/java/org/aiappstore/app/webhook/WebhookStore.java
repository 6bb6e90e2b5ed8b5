package org.aiappstore.app.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The {@code webhooks} collection. */
@ApplicationScoped
public class WebhookStore {

  static final String COLLECTION = "webhooks";

  @Inject MongoConnection mongo;

  public WebhookStore() {}

  public WebhookStore(MongoConnection mongo) {
    this.mongo = mongo;
  }

  private MongoCollection<Document> hooks() {
    return mongo.database().getCollection(COLLECTION);
  }

  public void insert(Webhook hook) {
    hooks().insertOne(toDocument(hook));
  }

  /**
   * Replaces the webhook if it is still at {@code expectedVersion}; never creates one, so a change
   * racing a delete cannot bring the webhook back. Webhooks stored before versions count as 1.
   */
  public boolean compareAndSet(Webhook next, long expectedVersion) {
    Bson version =
        expectedVersion == 1
            ? Filters.or(Filters.eq("version", 1L), Filters.exists("version", false))
            : Filters.eq("version", expectedVersion);
    return hooks()
            .replaceOne(Filters.and(Filters.eq("_id", next.id()), version), toDocument(next))
            .getMatchedCount()
        == 1;
  }

  public Optional<Webhook> find(String id) {
    return Optional.ofNullable(hooks().find(Filters.eq("_id", id)).first())
        .map(WebhookStore::fromDocument);
  }

  public List<Webhook> list() {
    List<Webhook> found = new ArrayList<>();
    hooks().find().sort(Sorts.ascending("createdAt")).forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  /** The enabled webhooks that subscribed to {@code type}. */
  public List<Webhook> subscribedTo(String type) {
    List<Webhook> found = new ArrayList<>();
    hooks()
        .find(Filters.and(Filters.eq("enabled", true), Filters.eq("events", type)))
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public boolean delete(String id) {
    return hooks().deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
  }

  private static Document toDocument(Webhook hook) {
    return new Document("_id", hook.id())
        .append("url", hook.url())
        .append("secret", hook.secret())
        .append("events", hook.events())
        .append("enabled", hook.enabled())
        .append("createdAt", Date.from(hook.createdAt()))
        .append("updatedAt", Date.from(hook.updatedAt()))
        .append("version", hook.version());
  }

  private static Webhook fromDocument(Document d) {
    return new Webhook(
        d.getString("_id"),
        d.getString("url"),
        d.getString("secret"),
        d.getList("events", String.class, List.of()),
        d.getBoolean("enabled", true),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        d.get("version") instanceof Number version ? version.longValue() : 1);
  }
}
