package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every setting the chart passes is a key the app reads ({@code ConfigKey}), so a misspelt variable
 * cannot be silently ignored.
 */
class ConfigKeysTest {

  /** Only referenced from the predefined connectors' JSON, never read as configuration. */
  private static final Set<String> CONNECTOR_CREDENTIALS =
      Set.of("AIAPPSTORE_S3_ACCESS_KEY", "AIAPPSTORE_S3_SECRET_KEY");

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldSetOnlyKeysTheAppReads(Scenario scenario) {
    Rendered rendered = scenario.render();
    Set<String> set = new TreeSet<>(rendered.appConfig().getData().keySet());
    rendered.server().getEnv().stream().map(EnvVar::getName).forEach(set::add);
    set.removeAll(CONNECTOR_CREDENTIALS);

    assertThat(Repository.configEnvironmentVariables()).containsAll(set);
    assertThat(Repository.configEnvironmentVariables())
        .doesNotContainAnyElementsOf(CONNECTOR_CREDENTIALS);
  }
}
