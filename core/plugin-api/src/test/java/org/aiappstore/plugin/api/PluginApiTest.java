package org.aiappstore.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PluginApiTest {

  @Test
  void shouldMatchTheMavenPluginApiVersionProperty() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/plugin-api-version.properties")) {
      assertThat(in).as("filtered test resource").isNotNull();
      properties.load(in);
    }

    assertThat(properties.getProperty("plugin-api.version"))
        .doesNotContain("${")
        .isEqualTo(PluginApi.VERSION);
  }

  @Test
  void shouldBeASemanticVersion() {
    assertThat(PluginApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
  }
}
