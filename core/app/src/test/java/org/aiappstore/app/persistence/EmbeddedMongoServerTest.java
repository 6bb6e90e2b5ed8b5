package org.aiappstore.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {

  @TempDir Path dataDir;

  @Test
  void shouldKeepDocumentsAcrossARestart() {
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        MongoClient client = MongoClients.create(server.connectionString())) {
      client
          .getDatabase("store")
          .getCollection("things")
          .insertOne(new Document("_id", "a").append("n", 42));
    }

    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        MongoClient client = MongoClients.create(server.connectionString())) {
      Document found =
          client.getDatabase("store").getCollection("things").find(Filters.eq("_id", "a")).first();
      assertThat(found).isNotNull();
      assertThat(found.getInteger("n")).isEqualTo(42);
    }
    assertThat(dataDir.resolve(EmbeddedMongoServer.DATABASE_FILE)).exists();
  }

  @Test
  void shouldListenOnLoopbackOnly() {
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
      assertThat(server.connectionString()).matches("mongodb://(127\\.0\\.0\\.1|localhost):\\d+");
    }
  }

  @Test
  void shouldWriteItsConnectionStringNextToTheDataWhileItRuns() throws Exception {
    Path file = dataDir.resolve(EmbeddedMongoServer.CONNECTION_FILE);
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
      assertThat(java.nio.file.Files.readString(file).strip()).isEqualTo(server.connectionString());
    }
    assertThat(file).doesNotExist();
  }
}
