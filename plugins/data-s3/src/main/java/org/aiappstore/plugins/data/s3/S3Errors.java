package org.aiappstore.plugins.data.s3;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates AWS SDK failures into platform errors where they arrive. Messages name the operation
 * and S3's error code and HTTP status, never a credential or the remote message.
 */
final class S3Errors {

  private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NotFound");
  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "AccessDenied",
          "InvalidToken",
          "ExpiredToken",
          "AllAccessDisabled",
          "AccountProblem");
  private static final Set<String> TIMEOUT_CODES = Set.of("RequestTimeout", "RequestTimeTooSkewed");

  private S3Errors() {}

  /**
   * Translates a failure.
   *
   * @param e what the SDK threw
   * @param action what was attempted, e.g. {@code read 'a.txt' from bucket 'models' at ...}
   * @return the platform exception to throw
   */
  static PlatformException translate(SdkException e, String action) {
    if (e instanceof AwsServiceException service) {
      return translateService(service, action);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "Timed out trying to " + action, e, true);
    }
    if (causedByTimeout(e)) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "S3 did not answer in time to " + action, e, true);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE, "S3 is unreachable, cannot " + action, e, true);
  }

  /**
   * Whether a failure means that the object or bucket does not exist (HTTP 404).
   *
   * @param e what the SDK threw
   * @return {@code true} for a 404 or a {@code NoSuchKey}/{@code NoSuchBucket} code
   */
  static boolean isNotFound(SdkException e) {
    if (!(e instanceof AwsServiceException service)) {
      return false;
    }
    String code = errorCode(service);
    return service.statusCode() == 404
        || "NoSuchBucket".equals(code)
        || NOT_FOUND_CODES.contains(code);
  }

  /**
   * Whether a failure means that the bucket does not exist.
   *
   * @param e what the SDK threw
   * @return {@code true} for a {@code NoSuchBucket} code
   */
  static boolean isNoSuchBucket(SdkException e) {
    return e instanceof AwsServiceException service && "NoSuchBucket".equals(errorCode(service));
  }

  /**
   * Whether a failure means that the multipart upload does not exist (any more): it was completed
   * or aborted, or its id is wrong.
   *
   * @param e what the SDK threw
   * @return {@code true} for a {@code NoSuchUpload} code
   */
  static boolean isNoSuchUpload(SdkException e) {
    return e instanceof AwsServiceException service && "NoSuchUpload".equals(errorCode(service));
  }

  private static PlatformException translateService(AwsServiceException e, String action) {
    int status = e.statusCode();
    String code = errorCode(e);
    String what = describe(code, status);
    if ("NoSuchBucket".equals(code)) {
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "Cannot " + action + ": the bucket does not exist (" + what + ")",
          e,
          false);
    }
    String region = bucketRegion(e);
    if (region != null
        && (status == 301
            || "PermanentRedirect".equals(code)
            || "AuthorizationHeaderMalformed".equals(code))) {
      // AWS answers a request signed for another region than the bucket's with its region.
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "Cannot "
              + action
              + ": the bucket is in region "
              + region
              + " ("
              + what
              + "): set the connector's region to "
              + region,
          e,
          false);
    }
    if (status == 404 || NOT_FOUND_CODES.contains(code)) {
      return new PlatformException(
          PlatformErrors.NOT_FOUND, "Cannot " + action + ": no such object (" + what + ")", e);
    }
    if (status == 401 || status == 403 || CREDENTIAL_CODES.contains(code)) {
      return new PlatformException(
          PlatformErrors.UNAUTHORIZED_REMOTE,
          "S3 refused the credentials, cannot "
              + action
              + " ("
              + what
              + "): check the access key, the secret key and the bucket policy",
          e,
          false);
    }
    if ("KeyTooLongError".equals(code)) {
      return new PlatformException(
          PlatformErrors.INVALID_ARGUMENT,
          "Cannot " + action + ": the key is longer than S3 allows (" + what + ")",
          e);
    }
    if (status == 416 || "InvalidRange".equals(code)) {
      return new PlatformException(
          PlatformErrors.INVALID_ARGUMENT,
          "Cannot " + action + ": the range starts beyond the end of the object (" + what + ")",
          e);
    }
    if (status == 408 || TIMEOUT_CODES.contains(code)) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "S3 timed out, cannot " + action + " (" + what + ")", e, true);
    }
    if (status >= 500 || status == 429 || "SlowDown".equals(code)) {
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "S3 is failing, cannot " + action + " (" + what + ")",
          e,
          true);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE,
        "S3 rejected the request to " + action + " (" + what + ")",
        e,
        false);
  }

  /** The region AWS names in {@code x-amz-bucket-region}, if it is a plain region name. */
  private static String bucketRegion(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details == null || details.sdkHttpResponse() == null) {
      return null;
    }
    return details
        .sdkHttpResponse()
        .firstMatchingHeader("x-amz-bucket-region")
        .filter(region -> region.matches("[a-z0-9-]{1,32}"))
        .orElse(null);
  }

  private static String errorCode(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null ? null : details.errorCode();
    return code == null ? "" : code;
  }

  private static String describe(String code, int status) {
    return (code.isBlank() ? "" : code + ", ") + "HTTP " + status;
  }

  private static boolean causedByTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
