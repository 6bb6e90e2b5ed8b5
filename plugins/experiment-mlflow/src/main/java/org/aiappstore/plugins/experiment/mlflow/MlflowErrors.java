package org.aiappstore.plugins.experiment.mlflow;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Translates MLflow failures into platform errors where they arrive. MLflow answers errors as
 * {@code {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..."}} with an HTTP status; messages
 * name the endpoint, the server, the status and the error code, never a credential or MLflow's own
 * message.
 */
final class MlflowErrors {

  /**
   * The tracking URL does not lead to MLflow's REST API: a 404 that is not MLflow's {@code
   * RESOURCE_DOES_NOT_EXIST}, e.g. a proxy's page for a wrong path prefix or Databricks' {@code
   * ENDPOINT_NOT_FOUND}. A configuration error, not retryable.
   */
  static final ErrorCode API_NOT_FOUND =
      new ErrorCode("experiment-mlflow", "API_NOT_FOUND", ErrorType.EXTERNAL, 502);

  private static final Set<String> CREDENTIAL_CODES =
      Set.of("UNAUTHENTICATED", "PERMISSION_DENIED", "UNAUTHORIZED");
  private static final Set<String> FAILING_CODES =
      Set.of("INTERNAL_ERROR", "TEMPORARILY_UNAVAILABLE", "REQUEST_LIMIT_EXCEEDED");

  private MlflowErrors() {}

  /**
   * What an error means for a call.
   *
   * @param notFound the code for {@code RESOURCE_DOES_NOT_EXIST}, or {@code null} if a missing
   *     resource is not the caller's mistake
   * @param invalidParameter the code for {@code INVALID_PARAMETER_VALUE}, or {@code null} likewise
   */
  record Expect(ErrorCode notFound, ErrorCode invalidParameter) {

    /** A call where any rejection is MLflow's or the configuration's problem. */
    static final Expect NOTHING = new Expect(null, null);
  }

  /**
   * Translates a transport failure: no answer in time is {@code TIMEOUT}, anything else (refused or
   * broken connections, connect timeouts) {@code UNAVAILABLE}; both retryable.
   *
   * @param e what the HTTP client threw
   * @param action what was attempted
   * @return the platform exception to throw
   */
  static PlatformException transport(IOException e, String action) {
    if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
      return new PlatformException(
          PlatformErrors.TIMEOUT, "MLflow did not answer in time to " + action, e, true);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE, "MLflow is unreachable, cannot " + action, e, true);
  }

  /**
   * Translates an error answer.
   *
   * @param status the HTTP status
   * @param errorCode MLflow's {@code error_code}, or empty if the body has none
   * @param action what was attempted
   * @param expect what the caller counts as its own mistake
   * @return the platform exception to throw
   */
  static PlatformException answer(int status, String errorCode, String action, Expect expect) {
    String what = "HTTP " + status + (errorCode.isEmpty() ? "" : ", " + errorCode);
    boolean missing = errorCode.equals("RESOURCE_DOES_NOT_EXIST");
    if (expect.notFound() != null && missing) {
      return new PlatformException(
          expect.notFound(), "Cannot " + action + ": not found (" + what + ")");
    }
    if (status == 404 && !missing) {
      return new PlatformException(
          API_NOT_FOUND,
          "MLflow's REST API is not where the tracking URL points, cannot "
              + action
              + " ("
              + what
              + "): check the tracking URL, including the path prefix of a proxy",
          null,
          false);
    }
    if (expect.invalidParameter() != null && errorCode.equals("INVALID_PARAMETER_VALUE")) {
      return new PlatformException(
          expect.invalidParameter(),
          "Cannot " + action + ": MLflow rejected a value (" + what + ")");
    }
    if (status == 401 || status == 403 || CREDENTIAL_CODES.contains(errorCode)) {
      return new PlatformException(
          PlatformErrors.UNAUTHORIZED_REMOTE,
          "MLflow refused the credentials, cannot "
              + action
              + " ("
              + what
              + "): check the token or user name and password",
          null,
          false);
    }
    if (status == 504 || status == 408) {
      return new CallFailed(
          PlatformErrors.TIMEOUT, "MLflow timed out, cannot " + action + " (" + what + ")", true);
    }
    if (status >= 500 || status == 429 || FAILING_CODES.contains(errorCode)) {
      return new CallFailed(
          PlatformErrors.UNAVAILABLE,
          "MLflow is failing, cannot " + action + " (" + what + ")",
          true);
    }
    return new CallFailed(
        PlatformErrors.UNAVAILABLE,
        "MLflow rejected the request to " + action + " (" + what + ")",
        false);
  }

  /**
   * A successful answer that is not MLflow's JSON, e.g. a login page of a proxy.
   *
   * @param status the HTTP status
   * @param action what was attempted
   * @param cause the parse failure, or {@code null}
   * @return the platform exception to throw
   */
  static PlatformException unreadable(int status, String action, Throwable cause) {
    return new CallFailed(
        PlatformErrors.UNAVAILABLE,
        "MLflow gave an unreadable answer (HTTP " + status + "), cannot " + action,
        cause,
        false);
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
        "MLflow's answer is larger than " + limit + " bytes, cannot " + action,
        false);
  }

  /**
   * Whether a failure concerns only the call that failed: MLflow answered it, but with an error
   * status (other than refused credentials, a missing resource or a wrong tracking URL), an
   * unreadable body or too large a body. A part of an experiment read by such a call can be left
   * out while the rest is shown; refused credentials and an unreachable or silent server fail the
   * whole read. A failure worth retrying (a failing or timed-out server) fails the whole read
   * instead: the host caches a read that succeeded, and a part missing for a moment must not be
   * cached as the whole.
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

    CallFailed(ErrorCode code, String message, boolean retryable) {
      this(code, message, null, retryable);
    }

    CallFailed(ErrorCode code, String message, Throwable cause, boolean retryable) {
      super(code, message, cause, retryable);
    }
  }
}
