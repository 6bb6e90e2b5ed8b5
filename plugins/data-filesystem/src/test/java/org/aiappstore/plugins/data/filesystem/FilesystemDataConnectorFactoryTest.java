package org.aiappstore.plugins.data.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigType;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDataConnectorFactoryTest {

  private final FilesystemDataConnectorFactory factory = new FilesystemDataConnectorFactory();

  @TempDir Path temp;

  @Test
  void shouldDescribeItself() {
    assertThat(factory.descriptor().id()).isEqualTo("filesystem");
    assertThat(factory.descriptor().displayName()).isEqualTo("Local filesystem");
    assertThat(factory.capabilities())
        .containsExactlyInAnyOrder(DataCapability.RANGES, DataCapability.LIST);
  }

  @Test
  void shouldDeclareItsConfiguration() {
    assertThat(factory.configSchema().properties())
        .extracting(ConfigProperty::name, ConfigProperty::type, ConfigProperty::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("baseDirectory", ConfigType.STRING, true),
            org.assertj.core.groups.Tuple.tuple("createDirectories", ConfigType.BOOLEAN, false));
    assertThat(factory.configSchema().property("createDirectories"))
        .map(ConfigProperty::defaultValue)
        .contains("true");
  }

  @Test
  void shouldRejectARelativeBaseDirectory() {
    ConnectorConfig config =
        ConnectorConfig.of(factory.configSchema(), Map.of("baseDirectory", "relative/dir"));

    assertThatThrownBy(() -> factory.create(config, ConnectorContext.defaults()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new ConfigViolation("baseDirectory", "must be an absolute path")));
  }

  @Test
  void shouldCreateTheBaseDirectoryWhenChecking() {
    Path base = temp.resolve("new/store");
    DataConnector connector = create(base, true);

    ConnectionCheck check = connector.checkConnection();

    assertThat(check.ok()).as(check.detail()).isTrue();
    assertThat(base).isDirectory();
  }

  @Test
  void shouldFailTheCheckWhenTheBaseIsMissingAndNotToBeCreated() {
    Path base = temp.resolve("missing");
    DataConnector connector = create(base, false);

    ConnectionCheck check = connector.checkConnection();

    assertThat(check.ok()).isFalse();
    assertThat(check.retryable()).isFalse();
    assertThat(check.detail()).contains("does not exist");
    assertThat(base).doesNotExist();
  }

  @Test
  void shouldNotTouchTheFilesystemWhenCreated() {
    Path base = temp.resolve("lazy");

    create(base, true);

    assertThat(Files.exists(base)).isFalse();
  }

  private DataConnector create(Path base, boolean createDirectories) {
    return factory.create(
        ConnectorConfig.of(
            factory.configSchema(),
            Map.of(
                "baseDirectory",
                base.toString(),
                "createDirectories",
                Boolean.toString(createDirectories))),
        ConnectorContext.defaults());
  }
}
