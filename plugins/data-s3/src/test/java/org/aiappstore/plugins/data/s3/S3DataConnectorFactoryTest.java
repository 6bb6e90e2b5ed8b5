package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigType;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3DataConnectorFactoryTest {

  private final S3DataConnectorFactory factory = new S3DataConnectorFactory();

  @Nested
  class WhenDescribing {

    @Test
    void shouldDescribeTheS3Connector() {
      assertThat(factory.descriptor().id()).isEqualTo("s3");
      assertThat(factory.descriptor().displayName()).isEqualTo("S3 / MinIO");
      assertThat(factory.capabilities())
          .containsExactlyInAnyOrder(
              DataCapability.RANGES, DataCapability.LIST, DataCapability.PRESIGNED_URLS);
    }

    @Test
    void shouldDeclareTheSchemaWithDefaultsAndASecret() {
      assertThat(factory.configSchema().properties())
          .extracting(ConfigProperty::name, ConfigProperty::type, ConfigProperty::defaultValue)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("endpoint", ConfigType.URI, null),
              org.assertj.core.groups.Tuple.tuple("region", ConfigType.STRING, "us-east-1"),
              org.assertj.core.groups.Tuple.tuple("bucket", ConfigType.STRING, null),
              org.assertj.core.groups.Tuple.tuple("accessKey", ConfigType.STRING, null),
              org.assertj.core.groups.Tuple.tuple("secretKey", ConfigType.SECRET, null),
              org.assertj.core.groups.Tuple.tuple("pathStyle", ConfigType.BOOLEAN, "true"),
              org.assertj.core.groups.Tuple.tuple("createBucket", ConfigType.BOOLEAN, "false"),
              org.assertj.core.groups.Tuple.tuple("multipartThreshold", ConfigType.INTEGER, "16"),
              org.assertj.core.groups.Tuple.tuple("streamingLimit", ConfigType.INTEGER, "5120"),
              org.assertj.core.groups.Tuple.tuple("partSize", ConfigType.INTEGER, "8"),
              org.assertj.core.groups.Tuple.tuple("partsInFlight", ConfigType.INTEGER, "2"),
              org.assertj.core.groups.Tuple.tuple("payloadSigning", ConfigType.BOOLEAN, "true"));
    }
  }

  @Nested
  class WhenValidating {

    @Test
    void shouldRequireBucketAndKeys() {
      assertThat(factory.configSchema().validate(Map.of()))
          .extracting(ConfigViolation::property)
          .containsExactly("bucket", "accessKey", "secretKey");
    }

    @Test
    void shouldReportAMissingBucket() {
      Map<String, String> config = valid();
      config.remove("bucket");

      assertThatThrownBy(() -> ConnectorConfig.of(factory.configSchema(), config))
          .isInstanceOfSatisfying(
              InvalidConfigException.class,
              e ->
                  assertThat(e.violations())
                      .containsExactly(new ConfigViolation("bucket", "is required")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
      "partSize, 4",
      "partSize, 257",
      "partsInFlight, 0",
      "partsInFlight, 9",
      "multipartThreshold, 0",
      "streamingLimit, -1",
      "streamingLimit, 5121",
      "bucket, Bad_Bucket",
      "bucket, ab",
      "endpoint, ftp://minio:21",
      "endpoint, http://user:pass@minio:9000"
    })
    void shouldRejectAValueS3DoesNotAccept(String property, String value) {
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

    @Test
    void shouldApplyTheDefaults() {
      S3Settings settings =
          S3DataConnectorFactory.settings(ConnectorConfig.of(factory.configSchema(), valid()));

      assertThat(settings.endpoint()).isEmpty();
      assertThat(settings.region()).isEqualTo("us-east-1");
      assertThat(settings.pathStyle()).isTrue();
      assertThat(settings.createBucket()).isFalse();
      assertThat(settings.multipartThreshold()).isEqualTo(16L * 1024 * 1024);
      assertThat(settings.streamingLimit()).isEqualTo(5L * 1024 * 1024 * 1024);
      assertThat(settings.partSize()).isEqualTo(8 * 1024 * 1024);
      assertThat(settings.partsInFlight()).isEqualTo(2);
      assertThat(settings.payloadSigning()).isTrue();
    }
  }

  @Nested
  class WhenCreating {

    @Test
    void shouldCreateAConnectorWithoutContactingS3AndNeverPrintTheSecret() {
      Map<String, String> config = valid();
      config.put("endpoint", "http://127.0.0.1:1");

      try (DataConnector connector = create(config)) {
        assertThat(connector.toString())
            .contains("models")
            .contains("http://127.0.0.1:1")
            .doesNotContain("very-secret-value");
      }
    }
  }

  private DataConnector create(Map<String, String> config) {
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults());
  }

  private static Map<String, String> valid() {
    Map<String, String> config = new HashMap<>();
    config.put("bucket", "models");
    config.put("accessKey", "AKIAEXAMPLE");
    config.put("secretKey", "very-secret-value");
    return config;
  }
}
