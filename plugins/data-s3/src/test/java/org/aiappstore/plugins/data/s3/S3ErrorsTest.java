package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

  private static final String ACTION = "read 'a.txt' in bucket 'models' at http://minio:9000";

  @Nested
  class WhenS3Answers {

    @ParameterizedTest(name = "{0} / HTTP {1} -> {2}, retryable {3}")
    @CsvSource({
      "NoSuchKey, 404, NOT_FOUND, false",
      "'', 404, NOT_FOUND, false",
      "NoSuchBucket, 404, UNAVAILABLE, false",
      "InvalidAccessKeyId, 403, UNAUTHORIZED_REMOTE, false",
      "SignatureDoesNotMatch, 403, UNAUTHORIZED_REMOTE, false",
      "AccessDenied, 403, UNAUTHORIZED_REMOTE, false",
      "'', 403, UNAUTHORIZED_REMOTE, false",
      "InvalidRange, 416, INVALID_ARGUMENT, false",
      "RequestTimeout, 400, TIMEOUT, true",
      "InternalError, 500, UNAVAILABLE, true",
      "SlowDown, 503, UNAVAILABLE, true",
      "'', 502, UNAVAILABLE, true",
      "KeyTooLongError, 400, INVALID_ARGUMENT, false",
      "InvalidArgument, 400, UNAVAILABLE, false"
    })
    void shouldTranslateTheErrorCodeAndStatus(
        String code, int status, String expected, boolean retryable) {
      S3Exception e = s3Exception(code, status);

      PlatformException translated = S3Errors.translate(e, ACTION);

      assertThat(translated.errorCode().name()).isEqualTo(expected);
      assertThat(translated.retryable()).isEqualTo(retryable);
      assertThat(translated.getMessage()).contains(ACTION).contains("HTTP " + status);
      assertThat(translated.getCause()).isSameAs(e);
    }

    @ParameterizedTest(name = "{0} / HTTP {1}")
    @CsvSource({"PermanentRedirect, 301", "AuthorizationHeaderMalformed, 400"})
    void shouldNameTheBucketsRegionWhenTheConnectorHasAnother(String code, int status) {
      S3Exception e =
          (S3Exception)
              S3Exception.builder()
                  .statusCode(status)
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode(code)
                          .sdkHttpResponse(
                              SdkHttpResponse.builder()
                                  .statusCode(status)
                                  .putHeader("x-amz-bucket-region", "eu-west-1")
                                  .build())
                          .build())
                  .build();

      PlatformException translated = S3Errors.translate(e, ACTION);

      assertCode(translated, PlatformErrors.UNAVAILABLE);
      assertThat(translated.retryable()).isFalse();
      assertThat(translated.getMessage())
          .contains(ACTION)
          .contains("set the connector's region to eu-west-1");
    }

    @Test
    void shouldTranslateTheModelledNoSuchKeyException() {
      NoSuchKeyException e =
          NoSuchKeyException.builder()
              .statusCode(404)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build())
              .build();

      assertCode(S3Errors.translate(e, ACTION), PlatformErrors.NOT_FOUND);
      assertThat(S3Errors.isNotFound(e)).isTrue();
      assertThat(S3Errors.isNoSuchBucket(e)).isFalse();
    }

    @Test
    void shouldTellANoSuchUploadFromOtherMissingThings() {
      assertThat(S3Errors.isNoSuchUpload(s3Exception("NoSuchUpload", 404))).isTrue();
      assertThat(S3Errors.isNoSuchUpload(s3Exception("NoSuchKey", 404))).isFalse();
      assertThat(S3Errors.isNoSuchUpload(s3Exception("", 404))).isFalse();
      assertCode(
          S3Errors.translate(s3Exception("NoSuchUpload", 404), ACTION), PlatformErrors.NOT_FOUND);
    }

    @Test
    void shouldNotRepeatTheRemoteMessage() {
      S3Exception e =
          (S3Exception)
              S3Exception.builder()
                  .statusCode(403)
                  .message("StringToSign contains AKIA... and other internals")
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("SignatureDoesNotMatch")
                          .errorMessage("StringToSign contains internals")
                          .build())
                  .build();

      assertThat(S3Errors.translate(e, ACTION).getMessage())
          .doesNotContain("StringToSign")
          .contains("SignatureDoesNotMatch");
    }
  }

  @Nested
  class WhenS3DoesNotAnswer {

    @Test
    void shouldTranslateARefusedConnectionToRetryableUnavailable() {
      SdkClientException e =
          SdkClientException.builder()
              .message("Unable to execute HTTP request")
              .cause(new ConnectException("Connection refused"))
              .build();

      PlatformException translated = S3Errors.translate(e, ACTION);

      assertCode(translated, PlatformErrors.UNAVAILABLE);
      assertThat(translated.retryable()).isTrue();
    }

    @Test
    void shouldTranslateASocketTimeoutToTimeout() {
      SdkClientException e =
          SdkClientException.builder()
              .message("Unable to execute HTTP request")
              .cause(new SocketTimeoutException("Read timed out"))
              .build();

      assertCode(S3Errors.translate(e, ACTION), PlatformErrors.TIMEOUT);
    }

    @Test
    void shouldTranslateAnApiCallTimeoutToTimeout() {
      PlatformException translated =
          S3Errors.translate(ApiCallTimeoutException.create(30_000), ACTION);

      assertCode(translated, PlatformErrors.TIMEOUT);
      assertThat(translated.retryable()).isTrue();
    }
  }

  private static S3Exception s3Exception(String code, int status) {
    AwsErrorDetails.Builder details = AwsErrorDetails.builder();
    if (!code.isEmpty()) {
      details.errorCode(code);
    }
    return (S3Exception)
        S3Exception.builder().statusCode(status).awsErrorDetails(details.build()).build();
  }

  private static void assertCode(PlatformException e, ErrorCode code) {
    assertThat(e.errorCode()).isEqualTo(code);
  }
}
