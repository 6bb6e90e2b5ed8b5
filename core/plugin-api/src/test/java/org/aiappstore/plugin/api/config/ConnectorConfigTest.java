package org.aiappstore.plugin.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

  private final ConfigSchema schema =
      ConfigSchema.of(
          ConfigProperty.string("bucket").required().build(),
          ConfigProperty.string("region").build(),
          ConfigProperty.secret("secretKey").build(),
          ConfigProperty.integer("port").defaultValue(9000).build(),
          ConfigProperty.bool("tls").defaultValue(true).build(),
          ConfigProperty.bool("verbose").build(),
          ConfigProperty.uri("endpoint").defaultValue("https://s3.example.com").build(),
          ConfigProperty.list("tags").build());

  @Nested
  class WhenValid {

    private final ConnectorConfig config =
        ConnectorConfig.of(
            schema,
            Map.of("bucket", "models", "secretKey", "s3cr3t", "port", " 443 ", "tags", "a, b"));

    @Test
    void shouldReadTypedValues() {
      assertSoftly(
          s -> {
            s.assertThat(config.string("bucket")).isEqualTo("models");
            s.assertThat(config.optionalString("region")).isEmpty();
            s.assertThat(config.secret("secretKey")).isEqualTo("s3cr3t");
            s.assertThat(config.integer("port")).isEqualTo(443);
            s.assertThat(config.list("tags")).containsExactly("a", "b");
          });
    }

    @Test
    void shouldApplyDefaults() {
      assertSoftly(
          s -> {
            s.assertThat(config.bool("tls")).isTrue();
            s.assertThat(config.bool("verbose")).isFalse();
            s.assertThat(config.uri("endpoint")).isEqualTo(URI.create("https://s3.example.com"));
            s.assertThat(config.asMap())
                .containsEntry("port", "443")
                .containsEntry("tls", "true")
                .doesNotContainKey("region");
          });
    }

    @Test
    void shouldMaskSecretsInToString() {
      assertThat(config.toString()).contains("secretKey=********").doesNotContain("s3cr3t");
    }

    @Test
    void shouldBeImmutable() {
      Map<String, String> values = new HashMap<>(Map.of("bucket", "models"));
      ConnectorConfig copy = ConnectorConfig.of(schema, values);
      values.put("bucket", "changed");

      assertThat(copy.string("bucket")).isEqualTo("models");
      assertThatThrownBy(() -> copy.asMap().put("bucket", "x"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldFailWhenReadingAnAbsentRequiredGetter() {
      assertThatThrownBy(() -> config.string("region"))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("region");
    }

    @Test
    void shouldRefuseToReadASecretAsAString() {
      assertThatThrownBy(() -> config.string("secretKey"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAGetterOfAnotherType() {
      assertThatThrownBy(() -> config.integer("bucket"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> config.string("undeclared"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class WhenInvalid {

    @Test
    void shouldThrowWithEveryViolation() {
      assertThatThrownBy(() -> ConnectorConfig.of(schema, Map.of("port", "x", "bogus", "1")))
          .isInstanceOfSatisfying(
              InvalidConfigException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_CONFIG);
                assertThat(e.violations())
                    .extracting(ConfigViolation::property)
                    .containsExactly("bogus", "bucket", "port");
              });
    }
  }
}
