package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Translates fabric8 failures into platform errors where they arrive. Messages name the action and
 * the HTTP status; Kubernetes' own message is added only where it cannot echo a secret value (never
 * for Secrets), and a remote error is never passed on verbatim otherwise.
 */
public final class KubernetesErrors {

  private KubernetesErrors() {}

  /**
   * Translates a failure.
   *
   * @param e what fabric8 threw
   * @param action what was attempted, e.g. {@code create Deployment 'demo'}
   * @param mayEchoSecrets whether the object could hold secret values (a Secret), so that
   *     Kubernetes' message must not be shown
   * @return the platform exception to throw
   */
  public static PlatformException translate(
      KubernetesClientException e, String action, boolean mayEchoSecrets) {
    int code = e.getCode();
    String detail = mayEchoSecrets ? "" : remoteMessage(e);
    if (code == 404) {
      return new PlatformException(
          PlatformErrors.NOT_FOUND, "Cannot " + action + ": not found (HTTP 404)", e);
    }
    if (code == 401) {
      return new PlatformException(
          PlatformErrors.UNAUTHORIZED_REMOTE,
          "The Kubernetes API refused the credentials, cannot "
              + action
              + " (HTTP 401): check the token and the CA certificate",
          e,
          false);
    }
    if (code == 403) {
      if (remoteMessage(e).toLowerCase(Locale.ROOT).contains("exceeded quota")) {
        return new PlatformException(
            PlatformErrors.QUOTA_EXCEEDED,
            "The namespace's resource quota is exhausted, cannot " + action + detail,
            e);
      }
      return new PlatformException(
          PlatformErrors.UNAUTHORIZED_REMOTE,
          "The Kubernetes API forbids to "
              + action
              + " (HTTP 403): grant the backend's service account the verbs listed in the"
              + " plugin's README",
          e,
          false);
    }
    if (code == 409) {
      return new PlatformException(
          PlatformErrors.CONFLICT, "Cannot " + action + ": conflict (HTTP 409)" + detail, e);
    }
    if (code == 400 || code == 422) {
      return new PlatformException(
          PlatformErrors.INVALID_ARGUMENT,
          "Kubernetes rejected the request to " + action + " (HTTP " + code + ")" + detail,
          e);
    }
    if (code == 408 || code == 504 || isTimeout(e)) {
      return new PlatformException(
          PlatformErrors.TIMEOUT,
          "The Kubernetes API did not answer in time to " + action,
          e,
          true);
    }
    if (code == 429 || code >= 500) {
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "The Kubernetes API is failing, cannot " + action + " (HTTP " + code + ")",
          e,
          true);
    }
    if (code > 0) {
      return new PlatformException(
          PlatformErrors.UNAVAILABLE,
          "The Kubernetes API answered HTTP " + code + ", cannot " + action + detail,
          e,
          false);
    }
    return new PlatformException(
        PlatformErrors.UNAVAILABLE, "The Kubernetes API is unreachable, cannot " + action, e, true);
  }

  /**
   * Whether a failure is a 404.
   *
   * @param e what fabric8 threw
   * @return {@code true} for HTTP 404
   */
  public static boolean isNotFound(KubernetesClientException e) {
    return e.getCode() == 404;
  }

  /**
   * Whether a failure is a 409 (already exists, or a stale resourceVersion).
   *
   * @param e what fabric8 threw
   * @return {@code true} for HTTP 409
   */
  public static boolean isConflict(KubernetesClientException e) {
    return e.getCode() == 409;
  }

  /**
   * Whether a log request failed because the container has not started: the API server answers 400
   * with {@code container "app" in pod "demo-x" is waiting to start: ContainerCreating} (or {@code
   * PodInitializing}, an image pull's reason), or {@code pod "demo-x" does not have a host
   * assigned} before the pod is scheduled.
   *
   * @param e what fabric8 threw
   * @return {@code true} if the container has no log yet
   */
  public static boolean isNotRunning(KubernetesClientException e) {
    if (e.getCode() != 400) {
      return false;
    }
    String message = message(e);
    return message.contains("is waiting to start")
        || message.contains("does not have a host assigned")
        || message.contains("ContainerCreating")
        || message.contains("PodInitializing");
  }

  /**
   * Kubernetes' message of a failure on one line, without the prefix fabric8 adds.
   *
   * @param e what fabric8 threw
   * @return the API server's message, or the exception's if none
   */
  public static String message(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status == null || status.getMessage() == null ? null : status.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getMessage() == null ? "" : e.getMessage();
    }
    String oneLine = message.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }

  private static String remoteMessage(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status == null ? null : status.getMessage();
    if (message == null || message.isBlank()) {
      return "";
    }
    String oneLine = message.replaceAll("\\s+", " ").strip();
    return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientTimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof TimeoutException
          || t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
