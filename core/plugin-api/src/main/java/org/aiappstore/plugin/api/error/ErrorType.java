package org.aiappstore.plugin.api.error;

/** Who is at fault for an error; decides logging, retries and the HTTP status family. */
public enum ErrorType {
  /** The caller sent something wrong; retrying the same request will fail again. */
  USER_ERROR,
  /** A bug or unexpected state on this platform. */
  INTERNAL_ERROR,
  /** A remote system (object store, tracking server, cluster) failed or is unreachable. */
  EXTERNAL,
  /** A quota or capacity limit was reached. */
  INSUFFICIENT_RESOURCES
}
