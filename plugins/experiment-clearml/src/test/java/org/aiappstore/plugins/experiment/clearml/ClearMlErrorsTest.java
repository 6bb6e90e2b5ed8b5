package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClearMlErrorsTest {

  private static final String ACTION = "call tasks.get_by_id at http://clearml:8008";

  @ParameterizedTest(name = "HTTP {0}, result {1}/{2} -> {3}, retryable {4}")
  @CsvSource({
    "400, 400, 101, EXPERIMENT_NOT_FOUND, false",
    "400, 400, 130, EXPERIMENT_NOT_FOUND, false",
    "401, 401, 22, UNAUTHORIZED_REMOTE, false",
    "401, 401, 30, UNAUTHORIZED_REMOTE, false",
    "403, 403, 20, UNAUTHORIZED_REMOTE, false",
    "500, 500, 0, UNAVAILABLE, true",
    "503, 503, 0, UNAVAILABLE, true",
    "429, 429, 0, UNAVAILABLE, true",
    "504, 504, 0, TIMEOUT, true",
    "400, 400, 12, UNAVAILABLE, false"
  })
  void shouldTranslateTheResultCode(
      int status, int code, int subcode, String expected, boolean retryable) {
    PlatformException e =
        ClearMlErrors.answer(status, code, subcode, ACTION, PlatformErrors.EXPERIMENT_NOT_FOUND);

    assertThat(e.errorCode().name()).isEqualTo(expected);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.getMessage()).contains(ACTION).contains(code + "/" + subcode);
  }

  @Test
  void shouldNotCallAnInvalidIdNotFoundWhenTheCallNamesNoTask() {
    assertThat(ClearMlErrors.answer(400, 400, 101, ACTION, null).errorCode())
        .isEqualTo(PlatformErrors.UNAVAILABLE);
  }

  @Test
  void shouldTellATimeoutFromAnUnreachableServer() {
    assertThat(ClearMlErrors.transport(new HttpTimeoutException("timed out"), ACTION).errorCode())
        .isEqualTo(PlatformErrors.TIMEOUT);
    assertThat(
            ClearMlErrors.transport(new HttpConnectTimeoutException("connect"), ACTION).errorCode())
        .isEqualTo(PlatformErrors.UNAVAILABLE);
    PlatformException refused = ClearMlErrors.transport(new ConnectException("refused"), ACTION);
    assertThat(refused.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
    assertThat(refused.retryable()).isTrue();
    assertThat(ClearMlErrors.transport(new IOException("reset"), ACTION).retryable()).isTrue();
  }

  @Test
  void shouldTreatAnUnreadableGatewayPageByItsStatus() {
    assertThat(ClearMlErrors.unreadable(502, ACTION, null).retryable()).isTrue();
    assertThat(ClearMlErrors.unreadable(504, ACTION, null).errorCode())
        .isEqualTo(PlatformErrors.TIMEOUT);
    assertThat(ClearMlErrors.unreadable(200, ACTION, null).retryable()).isFalse();
  }
}
