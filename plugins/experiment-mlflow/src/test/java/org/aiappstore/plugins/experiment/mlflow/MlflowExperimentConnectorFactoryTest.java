package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlflowExperimentConnectorFactoryTest {

  private final MlflowExperimentConnectorFactory factory = new MlflowExperimentConnectorFactory();

  @Test
  void shouldDeclareOnlyWhatMlflowHas() {
    assertThat(factory.descriptor().id()).isEqualTo("mlflow");
    assertThat(factory.capabilities())
        .containsExactlyInAnyOrder(
            ExperimentCapability.SCALARS,
            ExperimentCapability.ARTIFACTS,
            ExperimentCapability.SEARCH);
  }

  @Test
  void shouldAuthenticateWithBasicCredentialsWhenGiven() {
    Map<String, String> config = valid();
    config.put("username", "ada");
    config.put("password", "pa:ss-9f8e");

    MlflowSettings settings = settings(config);

    assertThat(settings.authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ada:pa:ss-9f8e".getBytes()));
    assertThat(settings.toString()).contains("basic authentication as ada").doesNotContain("pa:ss");
  }

  @Test
  void shouldUseTheTrackingServerAsUiByDefault() {
    Map<String, String> config = valid();
    config.put("trackingUrl", "http://mlflow:5000/");

    MlflowSettings settings = settings(config);

    assertThat(settings.webUrl()).isEqualTo(URI.create("http://mlflow:5000"));
    assertThat(settings.authorization()).isNull();
    assertThat(settings.endpoint("runs/get"))
        .isEqualTo("http://mlflow:5000/api/2.0/mlflow/runs/get");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "trackingUrl, ftp://mlflow",
    "trackingUrl, http://u:p@mlflow:5000",
    "requestTimeoutSeconds, 0",
    "username, ada",
    "password, lonely-password"
  })
  void shouldRejectAValueMlflowCannotUse(String property, String value) {
    Map<String, String> config = valid();
    config.put(property, value);

    assertThatThrownBy(() -> settings(config))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).violations())
                    .extracting(ConfigViolation::property)
                    .containsAnyOf("trackingUrl", "requestTimeoutSeconds", "username", "password"));
  }

  @Test
  void shouldRejectATokenTogetherWithBasicCredentials() {
    Map<String, String> config = valid();
    config.put("token", "t-1");
    config.put("username", "ada");
    config.put("password", "pw");

    assertThatThrownBy(() -> settings(config))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new ConfigViolation("username", "must be empty when a token is set")));
  }

  @Test
  void shouldBuildASearchFilterFromTextAndTags() {
    assertThat(
            MlflowExperimentConnector.filter(
                    SearchCriteria.firstPage()
                        .withText("o'brien \\x (v2)")
                        .withTags(List.of("a`b", "k=v'1", "q=\"x\"", "both=\"it's\"", "end=a\\")))
                .expression())
        .isEqualTo(
            "attributes.run_name ILIKE \"%o'brien _x _v2_%\" AND tags.`ab` LIKE '%'"
                + " AND tags.`k` = \"v'1\" AND tags.`q` = '\"x\"'"
                + " AND tags.`both` LIKE '_it_s_' AND tags.`end` LIKE 'a_'");
    assertThat(MlflowExperimentConnector.filter(SearchCriteria.firstPage()).expression()).isEmpty();
  }

  @Test
  void shouldCreateAConnectorWithoutContactingMlflowAndNeverPrintTheToken() {
    Map<String, String> config = valid();
    config.put("token", "very-secret-token");

    try (ExperimentConnector connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
      assertThat(connector.toString()).contains("bearer token").doesNotContain("very-secret-token");
    }
  }

  private MlflowSettings settings(Map<String, String> config) {
    return MlflowExperimentConnectorFactory.settings(
        ConnectorConfig.of(factory.configSchema(), config));
  }

  private static Map<String, String> valid() {
    Map<String, String> config = new HashMap<>();
    config.put("trackingUrl", "http://127.0.0.1:1");
    return config;
  }
}
