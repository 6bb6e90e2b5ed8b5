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
      return new CallFailed(
          PlatformErrors.TIMEOUT,
          "ClearML timed out, cannot " + action + " (" + what + ")",
          null,
          true);
    }
    if (status >= 500 || status == 429 || resultCode >= 500) {
      return new CallFailed(
          PlatformErrors.UNAVAILABLE,
          "ClearML is failing, cannot " + action + " (" + what + ")",
          null,
          true);
    }
    return new CallFailed(
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
    return new CallFailed(
        status == 504 ? PlatformErrors.TIMEOUT : PlatformErrors.UNAVAILABLE,
        "ClearML gave an unreadable answer (HTTP " + status + "), cannot " + action,
        cause,
        failing);
  }

  /**
   * An answer larger than the client reads: retrying gets the same answer, so not retryable.
   *
   * @param limit the most bytes read of an answer
   * @param action what was attempted
   * @return the platform exception to throw
   */
  static PlatformException tooLarge(int limit, String action) {
    return new CallFailed(
        PlatformErrors.UNAVAILABLE,
        "ClearML's answer is larger than " + limit + " bytes, cannot " + action,
        null,
        false);
  }

  /**
   * Whether a failure concerns only the call that failed: ClearML answered it, but with an error
   * result (other than refused credentials or a missing task), an unreadable body or too large a
   * body. A part of an experiment read by such a call can be left out while the rest is shown;
   * refused credentials and an unreachable or silent server fail the whole read. A failure worth
   * retrying (a failing or timed-out server) fails the whole read instead: the host caches a read
   * that succeeded, and a part missing for a moment must not be cached as the whole.
   *
   * @param e a failure of this plugin's client
   * @return whether only that call failed
   */
  static boolean concernsOnlyTheCall(PlatformException e) {
    return e instanceof CallFailed && !e.retryable();
  }

  /** A failure that concerns only the call that failed, see {@link #concernsOnlyTheCall}. */
  private static final class CallFailed extends PlatformException {

    private static final long serialVersionUID = 1L;

    CallFailed(ErrorCode code, String message, Throwable cause, boolean retryable) {
      super(code, message, cause, retryable);
    }
  }
}
