package org.aiappstore.plugin.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class ExperimentConnectorTest {

  /** A connector written before the operations existed: it only checks its connection. */
  private final ExperimentConnector legacy = () -> ConnectionCheck.ok("fine", 0);

  @Test
  void shouldFailEveryOperationAsNotSupportedByDefault() {
    assertSoftly(
        s -> {
          s.assertThatThrownBy(() -> legacy.experiment("t1")).satisfies(this::isNotSupported);
          s.assertThatThrownBy(() -> legacy.searchExperiments(SearchCriteria.firstPage()))
              .satisfies(this::isNotSupported);
          s.assertThatThrownBy(() -> legacy.dataset("d1")).satisfies(this::isNotSupported);
          s.assertThatThrownBy(() -> legacy.searchDatasets(SearchCriteria.firstPage()))
              .satisfies(this::isNotSupported);
          s.assertThatThrownBy(() -> legacy.cloneExperiment("t1", "copy"))
              .satisfies(this::isNotSupported);
        });
  }

  @Test
  void shouldDeclareNotFoundCodesAnsweredWith404() {
    assertSoftly(
        s -> {
          s.assertThat(PlatformErrors.EXPERIMENT_NOT_FOUND.httpStatus()).isEqualTo(404);
          s.assertThat(PlatformErrors.DATASET_NOT_FOUND.httpStatus()).isEqualTo(404);
          s.assertThat(PlatformErrors.EXPERIMENT_NOT_FOUND.id()).isEqualTo("EXPERIMENT_NOT_FOUND");
          s.assertThat(new PlatformException(PlatformErrors.DATASET_NOT_FOUND, "x").retryable())
              .isFalse();
        });
  }

  private void isNotSupported(Throwable e) {
    assertThat(e).isInstanceOf(PlatformException.class);
    assertThat(((PlatformException) e).errorCode()).isEqualTo(PlatformErrors.NOT_SUPPORTED);
  }
}
