package org.aiappstore.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectionCheckTest {

  @Test
  void shouldBuildOkAndFailedResults() {
    assertThat(ConnectionCheck.ok("fine", 3))
        .isEqualTo(new ConnectionCheck(true, false, "fine", 3));
    assertThat(ConnectionCheck.failed(true, "down", 4))
        .isEqualTo(new ConnectionCheck(false, true, "down", 4));
  }

  @Nested
  class WhenTimingAProbe {

    @Test
    void shouldReportSuccessWithTheProbeDetail() {
      ConnectionCheck check = ConnectionCheck.timed(() -> "Bucket is readable");

      assertSoftly(
          s -> {
            s.assertThat(check.ok()).isTrue();
            s.assertThat(check.detail()).isEqualTo("Bucket is readable");
            s.assertThat(check.durationMs()).isNotNegative();
          });
    }

    @Test
    void shouldTakeRetryabilityFromAPlatformException() {
      ConnectionCheck unavailable =
          ConnectionCheck.timed(
              () -> {
                throw PlatformException.unavailable("Store is down", null);
              });
      ConnectionCheck unauthorized =
          ConnectionCheck.timed(
              () -> {
                throw new PlatformException(
                    PlatformErrors.UNAUTHORIZED_REMOTE, "Bad credentials", null, false);
              });

      assertThat(unavailable)
          .extracting("ok", "retryable", "detail")
          .containsExactly(false, true, "Store is down");
      assertThat(unauthorized).extracting("ok", "retryable").containsExactly(false, false);
    }

    @Test
    void shouldTreatIoFailuresAsRetryable() {
      ConnectionCheck check =
          ConnectionCheck.timed(
              () -> {
                throw new UncheckedIOException("Connection refused", new IOException("refused"));
              });

      assertThat(check).extracting("ok", "retryable").containsExactly(false, true);
    }

    @Test
    void shouldTreatOtherFailuresAsNotRetryable() {
      ConnectionCheck check =
          ConnectionCheck.timed(
              () -> {
                throw new IllegalStateException();
              });

      assertSoftly(
          s -> {
            s.assertThat(check.ok()).isFalse();
            s.assertThat(check.retryable()).isFalse();
            s.assertThat(check.detail()).isNotBlank();
          });
    }
  }
}
