package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.config.TestingSettings;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorBootstrapTest {

  @TempDir Path dataDir;

  private final TestingMongo mongo = new TestingMongo();
  private final MongoConnectorInstanceStore store = new MongoConnectorInstanceStore();

  @AfterEach
  void close() {
    mongo.close();
  }

  private void start(String predefined) {
    ConnectorBootstrap bootstrap = new ConnectorBootstrap();
    bootstrap.settings =
        new TestingSettings(
            Map.of(
                ConfigKey.DATA_DIR,
                dataDir.toString(),
                ConfigKey.CONNECTORS_PREDEFINED,
                predefined));
    store.connection = mongo;
    bootstrap.store = store;
    bootstrap.catalog = new TestingConnectorFactory().catalog();
    bootstrap.onStartup(null);
  }

  private static String local(String displayName, String baseDirectory) {
    return "{\"id\":\"local\",\"factoryId\":\"directory\",\"displayName\":\""
        + displayName
        + "\",\"config\":{\"baseDirectory\":\""
        + baseDirectory
        + "\"}}";
  }

  @Test
  void shouldLeaveAnUnchangedInstanceAsItIsWhenStartedAgain() {
    start("[" + local("Local", "/srv") + "]");
    ConnectorInstance first = store.find("local").orElseThrow();
    ConnectorInstance filesystem = store.find("filesystem").orElseThrow();

    start("[" + local("Local", "/srv") + "]");

    assertThat(store.find("local")).contains(first);
    assertThat(store.find("filesystem")).contains(filesystem);
  }

  @Test
  void shouldKeepTheCreationTimeAndCountTheVersionWhenTheDefinitionChanges() {
    start("[" + local("Local", "/srv") + "]");
    ConnectorInstance first = store.find("local").orElseThrow();

    start("[" + local("Local disk", "/srv") + "]");

    ConnectorInstance second = store.find("local").orElseThrow();
    assertThat(second.displayName()).isEqualTo("Local disk");
    assertThat(second.createdAt()).isEqualTo(first.createdAt());
    assertThat(second.version()).isEqualTo(2);
  }

  @Test
  void shouldSkipMalformedEntriesAndStoreTheOthers() {
    start(
        "[{\"id\":\"x\",\"factoryId\":\"s3\"}, 42, {\"factoryId\":\"s3\",\"config\":{}},"
            + " {\"id\":\"y\",\"factoryId\":\"s3\",\"config\":{\"a\":[1]}},"
            + local("Local", "/srv")
            + "]");

    assertThat(store.find("local")).isPresent();
    assertThat(store.find("x")).isEmpty();
    assertThat(store.find("y")).isEmpty();
  }

  @Test
  void shouldSkipAnEntryWhoseSettingsItsFactoryRejects() {
    start("[" + local("Local", "relative") + "]");

    assertThat(store.find("local")).isEmpty();
    assertThat(store.find("filesystem")).isPresent();
  }
}
