package org.aiappstore.plugin.api.error;

import java.util.Objects;

/**
 * The one exception of the platform: an {@link ErrorCode} and a message a person can read. The host
 * maps it to an RFC 9457 problem; the message is shown to users, so it must not contain secrets,
 * stack traces or class names.
 */
public class PlatformException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The error code, a record of serializable values. */
  private final ErrorCode errorCode;

  /** Whether retrying may succeed. */
  private final boolean retryable;

  /**
   * Creates an exception, retryable by its code's type.
   *
   * @param code the error code
   * @param message a message a person can read
   */
  public PlatformException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a cause, retryable by its code's type.
   *
   * @param code the error code
   * @param message a message a person can read
   * @param cause the underlying failure, or {@code null}
   */
  public PlatformException(ErrorCode code, String message, Throwable cause) {
    this(code, message, cause, defaultRetryable(code));
  }

  /**
   * Creates an exception with explicit retryability.
   *
   * @param code the error code
   * @param message a message a person can read
   * @param cause the underlying failure, or {@code null}
   * @param retryable whether retrying may succeed
   */
  public PlatformException(ErrorCode code, String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
  }

  /**
   * The error code.
   *
   * @return the code, never {@code null}
   */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /**
   * Whether trying again later may succeed. By default true for {@link ErrorType#EXTERNAL} and
   * {@link ErrorType#INSUFFICIENT_RESOURCES} codes.
   *
   * @return whether the failure is transient
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * A {@link PlatformErrors#NOT_FOUND} error.
   *
   * @param message what was not found
   * @return the exception, to throw
   */
  public static PlatformException notFound(String message) {
    return new PlatformException(PlatformErrors.NOT_FOUND, message);
  }

  /**
   * A {@link PlatformErrors#NOT_SUPPORTED} error.
   *
   * @param message what is not supported
   * @return the exception, to throw
   */
  public static PlatformException notSupported(String message) {
    return new PlatformException(PlatformErrors.NOT_SUPPORTED, message);
  }

  /**
   * A {@link PlatformErrors#INVALID_ARGUMENT} error.
   *
   * @param message what is wrong with the argument
   * @return the exception, to throw
   */
  public static PlatformException invalidArgument(String message) {
    return new PlatformException(PlatformErrors.INVALID_ARGUMENT, message);
  }

  /**
   * A retryable {@link PlatformErrors#UNAVAILABLE} error.
   *
   * @param message which remote system failed
   * @param cause the underlying failure, or {@code null}
   * @return the exception, to throw
   */
  public static PlatformException unavailable(String message, Throwable cause) {
    return new PlatformException(PlatformErrors.UNAVAILABLE, message, cause);
  }

  private static boolean defaultRetryable(ErrorCode code) {
    Objects.requireNonNull(code, "code");
    return code.type() == ErrorType.EXTERNAL || code.type() == ErrorType.INSUFFICIENT_RESOURCES;
  }
}
