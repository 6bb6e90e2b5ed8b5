package org.aiappstore.plugin.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.junit.jupiter.api.Test;

class ConfigPropertyTest {

  @Test
  void shouldBuildAPropertyFluently() {
    ConfigProperty property =
        ConfigProperty.string("bucket").label("Bucket").help("Where models go").required().build();

    assertThat(property)
        .isEqualTo(
            new ConfigProperty(
                "bucket",
                "Bucket",
                "Where models go",
                ConfigType.STRING,
                null,
                true,
                java.util.List.of()));
  }

  @Test
  void shouldDefaultTheLabelToTheName() {
    assertThat(ConfigProperty.text("notes").build().label()).isEqualTo("notes");
  }

  @Test
  void shouldGiveEachFactoryItsType() {
    assertSoftly(
        s -> {
          s.assertThat(ConfigProperty.secret("k").build().type()).isEqualTo(ConfigType.SECRET);
          s.assertThat(ConfigProperty.secret("k").build().secret()).isTrue();
          s.assertThat(ConfigProperty.string("k").build().secret()).isFalse();
          s.assertThat(ConfigProperty.bool("k").build().type()).isEqualTo(ConfigType.BOOLEAN);
          s.assertThat(ConfigProperty.integer("k").build().type()).isEqualTo(ConfigType.INTEGER);
          s.assertThat(ConfigProperty.uri("k").build().type()).isEqualTo(ConfigType.URI);
          s.assertThat(ConfigProperty.list("k").build().type()).isEqualTo(ConfigType.LIST);
          s.assertThat(ConfigProperty.text("k").build().type()).isEqualTo(ConfigType.TEXT);
          s.assertThat(ConfigProperty.enumeration("k", "a", "b").build().options())
              .containsExactly("a", "b");
        });
  }

  @Test
  void shouldRejectAnEnumerationWithoutOptions() {
    assertThatThrownBy(() -> ConfigProperty.enumeration("mode").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mode");
  }

  @Test
  void shouldRejectADefaultThatDoesNotMatchTheType() {
    assertThatThrownBy(() -> ConfigProperty.integer("port").defaultValue("eighty").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
  }

  @Test
  void shouldRejectAMalformedName() {
    assertThatThrownBy(() -> ConfigProperty.string("1 bad").build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
