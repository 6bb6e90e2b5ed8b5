package org.aiappstore.app.model.content;

import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A rich-text document the sanitizer refuses outright, with a reason a person can read (for example
 * "Chart 2: the figure's layout.title.text contains HTML"). The API that accepts the document turns
 * it into a 422 problem with a JSON pointer to the field; should one escape unhandled, it is still
 * a 422 {@code RICH_TEXT_REFUSED} problem and never a server error.
 */
public class RichTextException extends PlatformException {

  private static final long serialVersionUID = 1L;

  /** The problem code of a refused document. */
  public static final ErrorCode CODE =
      new ErrorCode(ErrorCode.PLATFORM_NAMESPACE, "RICH_TEXT_REFUSED", ErrorType.USER_ERROR, 422);

  /**
   * Refuses a document.
   *
   * @param reason what is wrong, shown to the author
   */
  public RichTextException(String reason) {
    super(CODE, reason);
  }

  /**
   * Refuses a document because of an earlier refusal, e.g. the media store's.
   *
   * @param reason what is wrong, shown to the author
   * @param cause the refusal this one reports
   */
  public RichTextException(String reason, Throwable cause) {
    super(CODE, reason, cause);
  }
}
