package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesErrorsTest {

  @ParameterizedTest
  @CsvSource({
    "404, NOT_FOUND, false",
    "401, UNAUTHORIZED_REMOTE, false",
    "403, UNAUTHORIZED_REMOTE, false",
    "409, CONFLICT, false",
    "422, INVALID_ARGUMENT, false",
    "400, INVALID_ARGUMENT, false",
    "429, UNAVAILABLE, true",
    "500, UNAVAILABLE, true",
    "503, UNAVAILABLE, true",
    "504, TIMEOUT, true",
    "418, UNAVAILABLE, false"
  })
  void shouldTranslateHttpStatuses(int code, String expected, boolean retryable) {
    PlatformException e =
        KubernetesErrors.translate(failure(code, "message"), "create Deployment 'demo'", false);

    assertThat(e.errorCode().name()).isEqualTo(expected);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.getMessage()).contains("create Deployment 'demo'");
  }

  @Test
  void shouldTellAnExhaustedQuotaFromMissingPermissions() {
    PlatformException e =
        KubernetesErrors.translate(
            failure(403, "pods \"x\" is forbidden: exceeded quota: apps, requested: cpu=8"),
            "create Deployment 'demo'",
            false);

    assertThat(e.errorCode()).isEqualTo(PlatformErrors.QUOTA_EXCEEDED);
    assertThat(e.getMessage()).contains("exceeded quota");
  }

  @Test
  void shouldNeverPassOnTheMessageOfASecretsFailure() {
    PlatformException e =
        KubernetesErrors.translate(
            failure(422, "Secret \"demo-env\" is invalid: data[TOKEN]: s3cr3t"),
            "create Secret 'demo-env'",
            true);

    assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("HTTP 422");
  }

  @Test
  void shouldReportUnreachableAndSlowServersAsRetryable() {
    PlatformException refused =
        KubernetesErrors.translate(
            new KubernetesClientException("boom", new ConnectException("refused")), "list", false);
    PlatformException slow =
        KubernetesErrors.translate(
            new KubernetesClientException("slow", new HttpTimeoutException("timed out")),
            "list",
            false);

    assertThat(refused.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
    assertThat(refused.retryable()).isTrue();
    assertThat(slow.errorCode()).isEqualTo(PlatformErrors.TIMEOUT);
    assertThat(slow.retryable()).isTrue();
  }

  private static KubernetesClientException failure(int code, String message) {
    Status status = new StatusBuilder().withCode(code).withMessage(message).build();
    return new KubernetesClientException(message, code, status);
  }
}
