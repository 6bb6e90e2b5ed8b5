package org.aiappstore.app.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A {@link MongoConnection} over an in-memory mongo-java-server, for unit tests of code that talks
 * to MongoDB through the driver. Close it after the test.
 */
public class TestingMongo extends MongoConnection implements AutoCloseable {

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final MongoClient testClient = MongoClients.create(server.bindAndGetConnectionString());

  @Override
  public MongoClient client() {
    return testClient;
  }

  @Override
  public String databaseName() {
    return "test";
  }

  @Override
  public MongoDatabase database() {
    return testClient.getDatabase("test");
  }

  @Override
  public void close() {
    testClient.close();
    server.shutdown();
  }
}
