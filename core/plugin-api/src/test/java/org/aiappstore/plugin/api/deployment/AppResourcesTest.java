package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppResourcesTest {

  @Test
  void shouldAcceptQuantitiesAndBlanks() {
    AppResources resources = new AppResources(" 500m ", "", "1Gi", null, 2);

    assertThat(resources.cpuRequest()).isEqualTo("500m");
    assertThat(resources.cpuLimit()).isNull();
    assertThat(resources.memoryLimit()).isNull();
    assertThat(resources.gpus()).isEqualTo(2);
  }

  @Test
  void shouldRefuseARequestAboveItsLimit() {
    assertThatThrownBy(() -> new AppResources("2", "1", "2Gi", "1Gi", 0))
        .isInstanceOfSatisfying(
            InvalidAppSpecException.class,
            e ->
                assertThat(e.violations())
                    .extracting(SpecViolation::field)
                    .containsExactly("resources.cpuRequest", "resources.memoryRequest"));
  }

  @Test
  void shouldRefuseMalformedOrTinyQuantities() {
    assertThatThrownBy(() -> new AppResources("half", null, "1m", null, 0))
        .isInstanceOfSatisfying(
            InvalidAppSpecException.class,
            e ->
                assertThat(e.violations())
                    .extracting(SpecViolation::field)
                    .containsExactly("resources.cpuRequest", "resources.memoryRequest"));
  }

  @Test
  void shouldAcceptOnlyWholeGpusInRange() {
    assertThat(AppResources.none().withGpus(AppResources.MAX_GPUS).gpus())
        .isEqualTo(AppResources.MAX_GPUS);
    assertThatThrownBy(() -> AppResources.none().withGpus(-1))
        .isInstanceOf(InvalidAppSpecException.class);
    assertThatThrownBy(() -> AppResources.none().withGpus(AppResources.MAX_GPUS + 1))
        .isInstanceOf(InvalidAppSpecException.class);
  }
}
