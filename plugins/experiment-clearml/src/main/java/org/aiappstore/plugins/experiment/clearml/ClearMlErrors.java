package org.aiappstore.plugins.experiment.clearml;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Translates ClearML failures into platform errors where they arrive. Messages name the endpoint,
 * the server and ClearML's result code and subcode, never a credential or ClearML's own message.
 */
final class ClearMlErrors {

  /** {@code bad_request.invalid_task_id}: the task does not exist or the id is malformed. */
  static final int INVALID_TASK_ID = 101;

  /** {@code bad_request.task_not_found}. */
  static final int TASK_NOT_FOUND = 130;

  /** {@code bad_request.invalid_project_id}. */
  static final int INVALID_PROJECT_ID = 401;

  /** {@code bad_request.invalid_user_id}. */
  static final int INVALID_USER_ID = 301;

  private ClearMlErrors() {}

  /**
   * Translates a transport failure: no answer in time is {@code TIMEOUT}, anything else (refused or
   * broken connections, connect timeouts) {@code UNAVAILABLE}; both retryable.
   *
   * @param e what the HTTP client threw
   * @param action what was attempted, e.g. {@code call tasks.get_by_id at http://clearml:8008}
   * @return the platform exception to throw
   */
  static PlatformException transport(IOException e, String action) {
    if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "ClearML did not answer in time to " + action, e, true);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE, "ClearML is unreachable, cannot " + action, e, true);
  }

  /**
   * Translates an error answer.
   *
   * @param status the HTTP status
   * @param resultCode ClearML's {@code meta.result_code}, or the HTTP status if there is none
   * @param subcode ClearML's {@code meta.result_subcode}, or 0
   * @param action what was attempted
   * @param notFound the code for a missing task (experiment or dataset), or {@code null} if the
   *     call names no task
   * @return the platform exception to throw
   */
  static PlatformException answer(
      int status, int resultCode, int subcode, String action, ErrorCode notFound) {
    String what = "HTTP " + status + ", result code " + resultCode + "/" + subcode;
    if (notFound != null
        && resultCode == 400
        && (subcode == INVALID_TASK_ID || subcode == TASK_NOT_FOUND)) {
      return new PlatformException(notFound, "Cannot " + action + ": no such task (" + what + ")");
    }
    if (resultCode == 401 || resultCode == 403) {
      return new PlatformException(
          PlatformErrors.UNAUTHORIZED_REMOTE,
          "ClearML refused the credentials, cannot "
              + action
              + " ("
              + what
              + "): check the access key and the secret key",
          null,
          false);
    }
    if (status == 504 || status == 408 || resultCode == 504 || resultCode == 408) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "ClearML timed out, cannot " + action + " (" + what + ")", null);
    }
    if (status >= 500 || status == 429 || resultCode >= 500) {
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "ClearML is failing, cannot " + action + " (" + what + ")",
          null,
          true);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE,
        "ClearML rejected the request to " + action + " (" + what + ")",
        null,
        false);
  }

  /**
   * An answer that is not ClearML's JSON, e.g. a proxy's HTML page.
   *
   * @param status the HTTP status
   * @param action what was attempted
   * @param cause the parse failure, or {@code null}
   * @return the platform exception to throw
   */
  static PlatformException unreadable(int status, String action, Throwable cause) {
    boolean failing = status >= 500 || status == 429;
    return new PlatformException(
        status == 504 ? PlatformErrors.TIMEOUT : PlatformErrors.UNAVAILABLE,
        "ClearML gave an unreadable answer (HTTP " + status + "), cannot " + action,
        cause,
        failing);
  }
}
