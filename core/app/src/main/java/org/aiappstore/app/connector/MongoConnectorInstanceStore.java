package org.aiappstore.app.connector;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * Connector instances in the {@code connector_instances} collection. Written with the driver
 * directly because updates compare and set the version in one atomic {@code replaceOne}, which the
 * JNoSQL template does not offer; no transactions are needed, so the embedded server behaves like
 * MongoDB.
 */
@ApplicationScoped
public class MongoConnectorInstanceStore implements ConnectorInstanceStore {

  private static final String SETTINGS_ID = "active-data-connector";

  @Inject MongoConnection connection;

  private MongoCollection<Document> instances() {
    return connection.database().getCollection("connector_instances");
  }

  private MongoCollection<Document> settings() {
    return connection.database().getCollection("settings");
  }

  @Override
  public List<ConnectorInstance> findAll() {
    List<ConnectorInstance> all = new ArrayList<>();
    instances().find().sort(Sorts.ascending("_id")).forEach(d -> all.add(fromDocument(d)));
    return all;
  }

  @Override
  public Optional<ConnectorInstance> find(String id) {
    return Optional.ofNullable(instances().find(Filters.eq("_id", id)).first())
        .map(MongoConnectorInstanceStore::fromDocument);
  }

  @Override
  public boolean insert(ConnectorInstance instance) {
    try {
      instances().insertOne(toDocument(instance));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean replace(ConnectorInstance instance, long expectedVersion) {
    return instances()
            .replaceOne(
                Filters.and(
                    Filters.eq("_id", instance.id()), Filters.eq("version", expectedVersion)),
                toDocument(instance))
            .getMatchedCount()
        == 1;
  }

  @Override
  public boolean delete(String id) {
    return instances().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
  }

  @Override
  public Optional<String> activeDataConnector() {
    return Optional.ofNullable(settings().find(Filters.eq("_id", SETTINGS_ID)).first())
        .map(d -> d.getString("instanceId"));
  }

  @Override
  public void setActiveDataConnector(String id) {
    settings()
        .replaceOne(
            Filters.eq("_id", SETTINGS_ID),
            new Document("_id", SETTINGS_ID).append("instanceId", id),
            new ReplaceOptions().upsert(true));
  }

  private static Document toDocument(ConnectorInstance instance) {
    return new Document("_id", instance.id())
        .append("kind", instance.kind())
        .append("factoryId", instance.factoryId())
        .append("displayName", instance.displayName())
        .append("config", new Document(new LinkedHashMap<String, Object>(instance.config())))
        .append("source", instance.source().name())
        .append("createdAt", Date.from(instance.createdAt()))
        .append("updatedAt", Date.from(instance.updatedAt()))
        .append("version", instance.version());
  }

  private static ConnectorInstance fromDocument(Document document) {
    Map<String, String> config = new LinkedHashMap<>();
    Document stored = document.get("config", Document.class);
    if (stored != null) {
      stored.forEach((key, value) -> config.put(key, String.valueOf(value)));
    }
    return new ConnectorInstance(
        document.getString("_id"),
        document.getString("kind"),
        document.getString("factoryId"),
        document.getString("displayName"),
        config,
        ConnectorInstance.Source.valueOf(document.getString("source")),
        document.getDate("createdAt").toInstant(),
        document.getDate("updatedAt").toInstant(),
        document.get("version", Number.class).longValue());
  }
}
