package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract does not cover: this connector's configuration and connection check. */
class ${classPrefix}DataConnectorFactoryTest {

  private final ${classPrefix}DataConnectorFactory factory = new ${classPrefix}DataConnectorFactory();

  @TempDir Path temp;

  @Nested
  class WhenConfiguring {

    @Test
    void shouldRequireTheDirectory() {
      assertThat(factory.configSchema().validate(Map.of()))
          .containsExactly(new ConfigViolation("directory", "is required"));
    }

    @Test
    void shouldRejectARelativeDirectory() {
      ConnectorConfig config = config(Map.of("directory", "relative/objects"));

      assertThatThrownBy(() -> factory.create(config, ConnectorContext.defaults()))
          .isInstanceOfSatisfying(
              InvalidConfigException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(ConfigViolation::property)
                      .containsExactly("directory"));
    }
  }

  @Nested
  class WhenCheckingTheConnection {

    @Test
    void shouldCreateAMissingDirectory() {
      Path directory = temp.resolve("new");

      try (DataConnector connector = create(Map.of("directory", directory.toString()))) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).as("%s", check).isTrue();
        assertThat(directory).isDirectory();
      }
    }

    @Test
    void shouldReportAMissingDirectoryWithoutThrowing() {
      Map<String, String> values =
          Map.of("directory", temp.resolve("absent").toString(), "createDirectory", "false");

      try (DataConnector connector = create(values)) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isFalse();
        assertThat(check.detail()).contains("does not exist");
      }
    }
  }

  private DataConnector create(Map<String, String> values) {
    return factory.create(config(values), ConnectorContext.defaults());
  }

  private ConnectorConfig config(Map<String, String> values) {
    return ConnectorConfig.of(factory.configSchema(), values);
  }
}
