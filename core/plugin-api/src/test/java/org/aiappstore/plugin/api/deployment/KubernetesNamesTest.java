package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "demo", "sentiment-demo-2", "a-b-c"})
  void shouldAcceptDnsLabels(String name) {
    assertThat(KubernetesNames.dnsLabelProblem(name, 40)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Demo", "1demo", "demo-", "-demo", "de_mo", "de.mo", "démo"})
  void shouldRejectOtherDnsLabels(String name) {
    assertThat(KubernetesNames.dnsLabelProblem(name, 40)).isPresent();
  }

  @Test
  void shouldLimitTheLengthOfDnsLabels() {
    assertThat(KubernetesNames.dnsLabelProblem("a".repeat(40), 40)).isEmpty();
    assertThat(KubernetesNames.dnsLabelProblem("a".repeat(41), 40)).isPresent();
    assertThat(KubernetesNames.dnsLabelProblem("a".repeat(64), 100)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"team", "aiappstore.org/card-id", "a.b-c_d", "x/Y"})
  void shouldAcceptLabelKeys(String key) {
    assertThat(KubernetesNames.labelKeyProblem(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/x", "x/", "Bad_Prefix/x", "a/b/c", "-x", "x-", "a b"})
  void shouldRejectOtherLabelKeys(String key) {
    assertThat(KubernetesNames.labelKeyProblem(key)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v", "65f1c0ffee", "a.b-c_D", "0"})
  void shouldAcceptLabelValues(String value) {
    assertThat(KubernetesNames.labelValueProblem(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "a-", "a b", "a/b", "user@example.com", "\"x\""})
  void shouldRejectOtherLabelValues(String value) {
    assertThat(KubernetesNames.labelValueProblem(value)).isPresent();
    assertThat(KubernetesNames.labelValueProblem("a".repeat(64))).isPresent();
  }

  @Test
  void shouldAcceptObjectNamesWithDots() {
    assertThat(KubernetesNames.objectNameProblem("demo-7f9c4d-x2kqz")).isEmpty();
    assertThat(KubernetesNames.objectNameProblem("a.b")).isEmpty();
    assertThat(KubernetesNames.objectNameProblem("A")).isPresent();
    assertThat(KubernetesNames.objectNameProblem("../x")).isPresent();
  }
}
