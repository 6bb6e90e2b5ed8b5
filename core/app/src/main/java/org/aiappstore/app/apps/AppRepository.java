package org.aiappstore.app.apps;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code apps} collection. Writes are compare-and-set on {@code version}, so two requests (or a
 * request and the reconciler) changing one app never overwrite each other. Secret environment
 * values are not a field of {@link App} and therefore can never reach this collection.
 */
@ApplicationScoped
public class AppRepository {

  public static final String COLLECTION = "apps";

  @Inject MongoConnection mongo;

  public AppRepository() {}

  public AppRepository(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    apps().createIndex(Indexes.ascending("ownerId"));
    apps().createIndex(Indexes.ascending("backendId"));
    apps().createIndex(Indexes.ascending("cardId"));
  }

  private MongoCollection<Document> apps() {
    return mongo.database().getCollection(COLLECTION);
  }

  public void insert(App app) {
    apps().insertOne(toDocument(app));
  }

  public Optional<App> findById(String id) {
    return Optional.ofNullable(apps().find(Filters.eq("_id", id)).first())
        .map(AppRepository::fromDocument);
  }

  /** Replaces the app only if the stored one still has {@code expectedVersion}. */
  public boolean compareAndSet(App next, long expectedVersion) {
    return apps()
            .replaceOne(
                Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", expectedVersion)),
                toDocument(next))
            .getMatchedCount()
        == 1;
  }

  /** Deletes the app only if the stored one still has {@code expectedVersion}. */
  public boolean delete(String id, long expectedVersion) {
    return apps()
            .deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", expectedVersion)))
            .getDeletedCount()
        == 1;
  }

  /** Apps of one owner ({@code null}: everyone's), most recently created first. */
  public List<App> page(String ownerId, int page, int size) {
    List<App> found = new ArrayList<>();
    apps()
        .find(filter(ownerId))
        .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
        .skip(page * size)
        .limit(size)
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public long count(String ownerId) {
    return apps().countDocuments(filter(ownerId));
  }

  /**
   * What an owner's apps use, those being deleted left out: they are on their way out. Each app
   * counts its GPUs per instance times its most instances ({@link App#gpusAtMost()}).
   */
  public AppQuotas.Usage usage(String ownerId) {
    int count = 0;
    int gpus = 0;
    for (Document d :
        apps()
            .find(
                Filters.and(
                    Filters.eq("ownerId", ownerId), Filters.ne("state", AppState.DELETING.name())))
            .projection(Projections.include("resources.gpus", "maxReplicas"))) {
      count++;
      Document resources = d.get("resources", Document.class);
      int perInstance = resources == null ? 0 : resources.getInteger("gpus", 0);
      gpus += App.gpusAtMost(perInstance, d.getInteger("maxReplicas", 1));
    }
    return new AppQuotas.Usage(count, gpus);
  }

  /** The apps recorded as the demo of a card. */
  public List<App> findByCard(String cardId) {
    List<App> found = new ArrayList<>();
    apps().find(Filters.eq("cardId", cardId)).forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  /** Every app a backend should run, for the reconciler. */
  public List<App> findByBackend(String backendId) {
    List<App> found = new ArrayList<>();
    apps().find(Filters.eq("backendId", backendId)).forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  private static Bson filter(String ownerId) {
    return ownerId == null ? new Document() : Filters.eq("ownerId", ownerId);
  }

  static Document toDocument(App app) {
    AppResources r = app.resources();
    Document resources =
        new Document("cpuRequest", r.cpuRequest())
            .append("cpuLimit", r.cpuLimit())
            .append("memoryRequest", r.memoryRequest())
            .append("memoryLimit", r.memoryLimit())
            .append("gpus", r.gpus());
    // Env as a list of pairs: keeps the order, and names are never used as document keys
    // (a '.' or '$' in a key would be refused by some MongoDB versions).
    List<Document> env = new ArrayList<>();
    app.env().forEach((k, v) -> env.add(new Document("name", k).append("value", v)));
    return new Document("_id", app.id())
        .append("name", app.name())
        .append("cardId", app.cardId())
        .append("ownerId", app.ownerId())
        .append("backendId", app.backendId())
        .append("image", app.image())
        .append("port", app.port())
        .append("env", env)
        .append("secretEnvNames", new ArrayList<>(app.secretEnvNames()))
        .append("resources", resources)
        .append("minReplicas", app.minReplicas())
        .append("maxReplicas", app.maxReplicas())
        .append("scaleToZero", app.scaleToZero())
        .append("state", app.state().name())
        .append("url", app.url())
        .append("createdAt", Date.from(app.createdAt()))
        .append("updatedAt", Date.from(app.updatedAt()))
        .append("version", app.version());
  }

  static App fromDocument(Document d) {
    Document r = d.get("resources", Document.class);
    Map<String, String> env = new LinkedHashMap<>();
    for (Document pair : d.getList("env", Document.class, List.of())) {
      env.put(pair.getString("name"), pair.getString("value"));
    }
    return new App(
        d.getString("_id"),
        d.getString("name"),
        d.getString("cardId"),
        d.getString("ownerId"),
        d.getString("backendId"),
        d.getString("image"),
        d.getInteger("port"),
        env,
        d.getList("secretEnvNames", String.class, List.of()),
        new AppResources(
            r.getString("cpuRequest"),
            r.getString("cpuLimit"),
            r.getString("memoryRequest"),
            r.getString("memoryLimit"),
            r.getInteger("gpus", 0)),
        d.getInteger("minReplicas"),
        d.getInteger("maxReplicas"),
        d.getBoolean("scaleToZero", false),
        AppState.valueOf(d.getString("state")),
        d.getString("url"),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        ((Number) d.get("version")).longValue());
  }
}
