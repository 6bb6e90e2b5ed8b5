package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigType;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClearMlExperimentConnectorFactoryTest {

  private final ClearMlExperimentConnectorFactory factory = new ClearMlExperimentConnectorFactory();

  @Test
  void shouldDescribeClearMlWithEveryCapabilityAndASecretKey() {
    assertThat(factory.descriptor().id()).isEqualTo("clearml");
    assertThat(factory.capabilities()).containsExactlyInAnyOrder(ExperimentCapability.values());
    assertThat(factory.configSchema().property("secretKey"))
        .get()
        .extracting(p -> p.type())
        .isEqualTo(ConfigType.SECRET);
    assertThat(factory.configSchema().validate(Map.of()))
        .extracting(ConfigViolation::property)
        .containsExactly("apiUrl", "accessKey", "secretKey");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "apiUrl, ftp://clearml:21",
    "apiUrl, http://key:secret@clearml:8008",
    "webUrl, file:///tmp",
    "requestTimeoutSeconds, 0",
    "requestTimeoutSeconds, 301"
  })
  void shouldRejectAValueClearMlCannotUse(String property, String value) {
    Map<String, String> config = valid();
    config.put(property, value);

    assertThatThrownBy(() -> create(config))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .extracting(ConfigViolation::property)
                    .isEqualTo(property));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://api.clear.ml, https://app.clear.ml",
    "http://clearml:8008, http://clearml:8080",
    "https://api.clearml.example.com:443, https://app.clearml.example.com:443",
    "http://ml.internal/api, http://ml.internal"
  })
  void shouldDeriveTheWebAppFromTheApiUrl(String api, String web) {
    assertThat(ClearMlExperimentConnectorFactory.webUrlOf(URI.create(api)))
        .isEqualTo(URI.create(web));
  }

  @Test
  void shouldApplyDefaultsAndTrimTrailingSlashes() {
    Map<String, String> config = valid();
    config.put("apiUrl", "https://api.clear.ml/");

    ClearMlSettings settings =
        ClearMlExperimentConnectorFactory.settings(
            ConnectorConfig.of(factory.configSchema(), config));

    assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.clear.ml"));
    assertThat(settings.webUrl()).isEqualTo(URI.create("https://app.clear.ml"));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.projects()).isEmpty();
  }

  @Test
  void shouldCreateAConnectorWithoutContactingClearMlAndNeverPrintTheSecret() {
    try (ExperimentConnector connector = create(valid())) {
      assertThat(connector.toString()).contains("AKEY").doesNotContain("very-secret-value");
    }
  }

  private ExperimentConnector create(Map<String, String> config) {
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults());
  }

  private static Map<String, String> valid() {
    Map<String, String> config = new HashMap<>();
    config.put("apiUrl", "http://127.0.0.1:1");
    config.put("accessKey", "AKEY");
    config.put("secretKey", "very-secret-value");
    return config;
  }
}
