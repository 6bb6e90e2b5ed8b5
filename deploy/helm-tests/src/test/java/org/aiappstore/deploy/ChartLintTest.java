package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

  @Test
  void shouldPassStrictLint() {
    LintResult result = HelmChart.lint();

    assertThat(result.getMessages()).as("lint messages").noneMatch(m -> m.contains("[ERROR]"));
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
  }
}
