package org.aiappstore.app.media;

import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Thrown from inside an upload stream when the content goes past its limit. A client mistake
 * ({@link ErrorType#USER_ERROR}), so it never counts against the connector's circuit breaker.
 */
public class MediaTooLargeException extends PlatformException {

  private static final long serialVersionUID = 1L;

  static final ErrorCode CODE =
      new ErrorCode(ErrorCode.PLATFORM_NAMESPACE, "MEDIA_TOO_LARGE", ErrorType.USER_ERROR, 413);

  private final long limit;

  public MediaTooLargeException(long limit) {
    super(CODE, "The file is larger than the limit of " + limit + " bytes.");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
