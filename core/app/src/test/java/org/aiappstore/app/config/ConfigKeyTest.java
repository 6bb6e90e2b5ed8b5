package org.aiappstore.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void shouldMapKeysToTheEnvironmentVariablesMicroProfileConfigReads() {
    assertThat(ConfigKey.DATA_DIR.environmentVariable()).isEqualTo("AIAPPSTORE_DATA_DIR");
    assertThat(ConfigKey.MONGODB_URI.environmentVariable()).isEqualTo("AIAPPSTORE_MONGODB_URI");
    // Dashes too, not only dots.
    assertThat(ConfigKey.API_MAX_JSON_VALUES.environmentVariable())
        .isEqualTo("AIAPPSTORE_API_MAX_JSON_VALUES");
  }

  @Test
  void shouldDefineEveryKeyOnceWithADescription() {
    assertThat(Arrays.stream(ConfigKey.values()).map(ConfigKey::key)).doesNotHaveDuplicates();
    assertThat(ConfigKey.values()).allSatisfy(k -> assertThat(k.description()).isNotBlank());
  }
}
