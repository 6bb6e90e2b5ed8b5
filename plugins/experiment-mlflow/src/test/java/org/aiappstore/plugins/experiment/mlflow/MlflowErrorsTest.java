package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlflowErrorsTest {

  private static final String ACTION = "call runs/get at http://mlflow:5000";
  private static final MlflowErrors.Expect RUN =
      new MlflowErrors.Expect(PlatformErrors.EXPERIMENT_NOT_FOUND, PlatformErrors.INVALID_ARGUMENT);

  @ParameterizedTest(name = "HTTP {0} {1} -> {2}, retryable {3}")
  @CsvSource({
    "404, RESOURCE_DOES_NOT_EXIST, EXPERIMENT_NOT_FOUND, false",
    "404, '', API_NOT_FOUND, false",
    "404, ENDPOINT_NOT_FOUND, API_NOT_FOUND, false",
    "400, INVALID_PARAMETER_VALUE, INVALID_ARGUMENT, false",
    "401, '', UNAUTHORIZED_REMOTE, false",
    "403, PERMISSION_DENIED, UNAUTHORIZED_REMOTE, false",
    "500, INTERNAL_ERROR, UNAVAILABLE, true",
    "503, TEMPORARILY_UNAVAILABLE, UNAVAILABLE, true",
    "429, REQUEST_LIMIT_EXCEEDED, UNAVAILABLE, true",
    "504, '', TIMEOUT, true",
    "400, BAD_REQUEST, UNAVAILABLE, false"
  })
  void shouldTranslateTheStatusAndErrorCode(
      int status, String code, String expected, boolean retryable) {
    PlatformException e = MlflowErrors.answer(status, code, ACTION, RUN);

    assertThat(e.errorCode().name()).isEqualTo(expected);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.getMessage()).contains(ACTION).contains("HTTP " + status);
  }

  @Test
  void shouldNotCallAMissingResourceTheCallersMistakeUnlessExpected() {
    assertThat(
            MlflowErrors.answer(404, "RESOURCE_DOES_NOT_EXIST", ACTION, MlflowErrors.Expect.NOTHING)
                .errorCode())
        .isEqualTo(PlatformErrors.UNAVAILABLE);
  }

  @Test
  void shouldBlameTheTrackingUrlForA404ThatIsNotMlflows() {
    PlatformException e = MlflowErrors.answer(404, "", ACTION, RUN);

    assertThat(e.errorCode()).isEqualTo(MlflowErrors.API_NOT_FOUND);
    assertThat(e.errorCode().id()).isEqualTo("experiment-mlflow:API_NOT_FOUND");
    assertThat(e.getMessage()).contains("check the tracking URL");
  }

  @Test
  void shouldTellATimeoutFromARefusedConnection() {
    assertThat(MlflowErrors.transport(new HttpTimeoutException("slow"), ACTION).errorCode())
        .isEqualTo(PlatformErrors.TIMEOUT);
    assertThat(MlflowErrors.transport(new ConnectException("refused"), ACTION).errorCode())
        .isEqualTo(PlatformErrors.UNAVAILABLE);
  }
}
