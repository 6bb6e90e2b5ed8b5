package org.aiappstore.app.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.bson.Document;

/**
 * The one MongoDB client of the application: a configured server when {@code
 * aiappstore.mongodb.uri} is set, otherwise the embedded server on the data directory.
 */
@ApplicationScoped
public class MongoConnection {

  private static final Logger LOG = Logger.getLogger(MongoConnection.class.getName());

  @Inject AppSettings settings;

  private EmbeddedMongoServer embedded;
  private MongoClient client;
  private String databaseName;

  @PostConstruct
  void open() {
    databaseName = settings.value(ConfigKey.MONGODB_DATABASE);
    String uri =
        settings
            .optional(ConfigKey.MONGODB_URI)
            .orElseGet(
                () -> {
                  embedded = EmbeddedMongoServer.start(settings.dataDir().resolve("db"));
                  LOG.info(
                      () ->
                          "No MongoDB URI configured: embedded database at "
                              + settings.dataDir().resolve("db"));
                  return embedded.connectionString();
                });
    client = MongoClients.create(uri);
  }

  public MongoClient client() {
    return client;
  }

  public String databaseName() {
    return databaseName;
  }

  public MongoDatabase database() {
    return client.getDatabase(databaseName);
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Round trip to the server; throws when it cannot be reached. */
  public void ping() {
    database().runCommand(new Document("ping", 1));
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
