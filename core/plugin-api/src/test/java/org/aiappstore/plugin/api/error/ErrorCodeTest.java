package org.aiappstore.plugin.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

  @Test
  void shouldUseTheBareNameAsIdForPlatformCodes() {
    assertThat(PlatformErrors.NOT_FOUND.id()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldPrefixTheNamespaceForPluginCodes() {
    ErrorCode code = new ErrorCode("s3", "BUCKET_MISSING", ErrorType.USER_ERROR, 404);

    assertThat(code.id()).isEqualTo("s3:BUCKET_MISSING");
  }

  @ParameterizedTest
  @CsvSource({
    "S3, BUCKET, 404",
    "s3_x, BUCKET, 404",
    "'', BUCKET, 404",
    "s3, bucket, 404",
    "s3, 1BUCKET, 404",
    "s3, BUCKET-X, 404",
    "s3, BUCKET, 399",
    "s3, BUCKET, 600"
  })
  void shouldRejectMalformedCodes(String namespace, String name, int status) {
    assertThatThrownBy(() -> new ErrorCode(namespace, name, ErrorType.USER_ERROR, status))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldDeclareThePlatformCodesWithTheirTypeAndStatus() {
    assertThat(PlatformErrors.INVALID_ARGUMENT)
        .isEqualTo(new ErrorCode("platform", "INVALID_ARGUMENT", ErrorType.USER_ERROR, 422));
    assertThat(PlatformErrors.NOT_SUPPORTED.httpStatus()).isEqualTo(501);
    assertThat(PlatformErrors.UNAUTHORIZED_REMOTE.type()).isEqualTo(ErrorType.EXTERNAL);
    assertThat(PlatformErrors.QUOTA_EXCEEDED)
        .extracting(ErrorCode::type, ErrorCode::httpStatus)
        .containsExactly(ErrorType.INSUFFICIENT_RESOURCES, 409);
    assertThat(PlatformErrors.INTERNAL.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
  }
}
