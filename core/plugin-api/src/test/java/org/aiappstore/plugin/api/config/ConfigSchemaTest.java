package org.aiappstore.plugin.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSchemaTest {

  private final ConfigSchema schema =
      ConfigSchema.of(
          ConfigProperty.string("bucket").required().build(),
          ConfigProperty.secret("secretKey").build(),
          ConfigProperty.integer("port").defaultValue(9000).build(),
          ConfigProperty.bool("tls").build(),
          ConfigProperty.uri("endpoint").build(),
          ConfigProperty.enumeration("mode", "fast", "safe").build(),
          ConfigProperty.list("tags").build());

  @Test
  void shouldKeepPropertiesInOrder() {
    assertThat(schema.properties())
        .extracting(ConfigProperty::name)
        .containsExactly("bucket", "secretKey", "port", "tls", "endpoint", "mode", "tags");
    assertThat(schema.property("port")).map(ConfigProperty::type).contains(ConfigType.INTEGER);
    assertThat(schema.property("nope")).isEmpty();
  }

  @Test
  void shouldRejectDuplicateNames() {
    assertThatThrownBy(
            () ->
                ConfigSchema.of(
                    ConfigProperty.string("a").build(), ConfigProperty.bool("a").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void shouldAcceptValidValues() {
    assertThat(
            schema.validate(
                Map.of(
                    "bucket", "models",
                    "secretKey", "s3cr3t",
                    "port", " 443 ",
                    "tls", "TRUE",
                    "endpoint", "https://s3.example.com",
                    "mode", "safe",
                    "tags", "a, b ,c")))
        .isEmpty();
  }

  @Nested
  class WhenValuesAreInvalid {

    @Test
    void shouldRejectUnknownKey() {
      assertThat(schema.validate(Map.of("bucket", "b", "buckt", "x")))
          .containsExactly(new ConfigViolation("buckt", "is not a known property"));
    }

    @Test
    void shouldRejectMissingRequiredValue() {
      assertThat(schema.validate(Map.of()))
          .containsExactly(new ConfigViolation("bucket", "is required"));
    }

    @Test
    void shouldRejectBlankRequiredValue() {
      assertThat(schema.validate(Map.of("bucket", "  ")))
          .extracting(ConfigViolation::property)
          .containsExactly("bucket");
    }

    @Test
    void shouldSatisfyARequiredValueWithItsDefault() {
      ConfigSchema withDefault =
          ConfigSchema.of(ConfigProperty.integer("port").required().defaultValue(80).build());

      assertThat(withDefault.validate(Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "1.5", "99999999999"})
    void shouldRejectANonIntegerValue(String value) {
      assertThat(schema.validate(Map.of("bucket", "b", "port", value)))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.property()).isEqualTo("port");
                assertThat(v.message()).contains("whole number");
              });
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void shouldRejectANonBooleanValue(String value) {
      assertThat(schema.validate(Map.of("bucket", "b", "tls", value)))
          .extracting(ConfigViolation::message)
          .containsExactly("must be true or false, not '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.example.com/bucket", "/relative/path", "http://bad host"})
    void shouldRejectARelativeOrMalformedUri(String value) {
      assertThat(schema.validate(Map.of("bucket", "b", "endpoint", value)))
          .extracting(ConfigViolation::property)
          .containsExactly("endpoint");
    }

    @Test
    void shouldRejectAnEnumValueOutsideTheOptions() {
      assertThat(schema.validate(Map.of("bucket", "b", "mode", "slow")))
          .extracting(ConfigViolation::message)
          .containsExactly("must be one of fast, safe, not 'slow'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,,b", "a,", ",a", "a, ,b"})
    void shouldRejectAListWithEmptyItems(String value) {
      assertThat(schema.validate(Map.of("bucket", "b", "tags", value)))
          .extracting(ConfigViolation::property)
          .containsExactly("tags");
    }

    @Test
    void shouldReportEveryViolation() {
      assertThat(schema.validate(Map.of("port", "x", "mode", "y", "extra", "z")))
          .extracting(ConfigViolation::property)
          .containsExactly("extra", "bucket", "port", "mode");
    }
  }
}
