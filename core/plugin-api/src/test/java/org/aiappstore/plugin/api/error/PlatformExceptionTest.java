package org.aiappstore.plugin.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.util.List;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.junit.jupiter.api.Test;

class PlatformExceptionTest {

  @Test
  void shouldBeRetryableForExternalAndResourceErrors() {
    assertThat(new PlatformException(PlatformErrors.TIMEOUT, "slow").retryable()).isTrue();
    assertThat(new PlatformException(PlatformErrors.QUOTA_EXCEEDED, "full").retryable()).isTrue();
    assertThat(new PlatformException(PlatformErrors.NOT_FOUND, "gone").retryable()).isFalse();
    assertThat(new PlatformException(PlatformErrors.INTERNAL, "bug").retryable()).isFalse();
  }

  @Test
  void shouldLetTheThrowerOverrideRetryability() {
    PlatformException e =
        new PlatformException(PlatformErrors.UNAVAILABLE, "maintenance", null, false);

    assertThat(e.retryable()).isFalse();
  }

  @Test
  void shouldCreateCommonErrorsWithHelpers() {
    IOException cause = new IOException("reset");

    assertSoftly(
        s -> {
          s.assertThat(PlatformException.notFound("x").errorCode())
              .isEqualTo(PlatformErrors.NOT_FOUND);
          s.assertThat(PlatformException.notSupported("x").errorCode())
              .isEqualTo(PlatformErrors.NOT_SUPPORTED);
          s.assertThat(PlatformException.invalidArgument("x").errorCode())
              .isEqualTo(PlatformErrors.INVALID_ARGUMENT);
          PlatformException unavailable = PlatformException.unavailable("Store down", cause);
          s.assertThat(unavailable.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
          s.assertThat(unavailable).hasMessage("Store down").hasCause(cause);
          s.assertThat(unavailable.retryable()).isTrue();
        });
  }

  @Test
  void shouldCarryViolationsInAnInvalidConfigException() {
    List<ConfigViolation> violations =
        List.of(
            new ConfigViolation("bucket", "is required"),
            new ConfigViolation("port", "must be a whole number"));

    InvalidConfigException e = new InvalidConfigException(violations);

    assertSoftly(
        s -> {
          s.assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_CONFIG);
          s.assertThat(e.violations()).isEqualTo(violations);
          s.assertThat(e.getMessage())
              .contains("bucket: is required")
              .contains("port: must be a whole number");
          s.assertThat(e.retryable()).isFalse();
        });
  }
}
