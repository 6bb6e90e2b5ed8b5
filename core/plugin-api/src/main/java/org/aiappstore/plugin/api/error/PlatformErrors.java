package org.aiappstore.plugin.api.error;

/** The platform's own error codes, in the {@value ErrorCode#PLATFORM_NAMESPACE} namespace. */
public final class PlatformErrors {

  /** The requested resource does not exist. */
  public static final ErrorCode NOT_FOUND = platform("NOT_FOUND", ErrorType.USER_ERROR, 404);

  /** The experiment tracker has no experiment of the requested id. */
  public static final ErrorCode EXPERIMENT_NOT_FOUND =
      platform("EXPERIMENT_NOT_FOUND", ErrorType.USER_ERROR, 404);

  /** The experiment tracker has no dataset of the requested id. */
  public static final ErrorCode DATASET_NOT_FOUND =
      platform("DATASET_NOT_FOUND", ErrorType.USER_ERROR, 404);

  /** An argument is malformed or out of range. */
  public static final ErrorCode INVALID_ARGUMENT =
      platform("INVALID_ARGUMENT", ErrorType.USER_ERROR, 422);

  /** A connector configuration does not match its schema. */
  public static final ErrorCode INVALID_CONFIG =
      platform("INVALID_CONFIG", ErrorType.USER_ERROR, 422);

  /** The request conflicts with the current state. */
  public static final ErrorCode CONFLICT = platform("CONFLICT", ErrorType.USER_ERROR, 409);

  /** The operation is not supported, e.g. a capability the connector does not declare. */
  public static final ErrorCode NOT_SUPPORTED =
      platform("NOT_SUPPORTED", ErrorType.USER_ERROR, 501);

  /** A remote system refused the platform's credentials. */
  public static final ErrorCode UNAUTHORIZED_REMOTE =
      platform("UNAUTHORIZED_REMOTE", ErrorType.EXTERNAL, 502);

  /** A remote system is unreachable or failing. */
  public static final ErrorCode UNAVAILABLE = platform("UNAVAILABLE", ErrorType.EXTERNAL, 503);

  /** A remote system did not answer in time. */
  public static final ErrorCode TIMEOUT = platform("TIMEOUT", ErrorType.EXTERNAL, 504);

  /** A quota or capacity limit was reached. */
  public static final ErrorCode QUOTA_EXCEEDED =
      platform("QUOTA_EXCEEDED", ErrorType.INSUFFICIENT_RESOURCES, 409);

  /** An unexpected failure on this platform. */
  public static final ErrorCode INTERNAL = platform("INTERNAL", ErrorType.INTERNAL_ERROR, 500);

  private PlatformErrors() {}

  private static ErrorCode platform(String name, ErrorType type, int httpStatus) {
    return new ErrorCode(ErrorCode.PLATFORM_NAMESPACE, name, type, httpStatus);
  }
}
