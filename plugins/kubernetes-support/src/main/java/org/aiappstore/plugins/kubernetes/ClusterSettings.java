package org.aiappstore.plugins.kubernetes;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how a backend reaches Kubernetes. {@link #toString()} leaves out the token.
 *
 * @param namespace the namespace apps run in
 * @param masterUrl the API server, or empty for fabric8's automatic configuration (the in-cluster
 *     service account, or the kubeconfig of the user running the server)
 * @param token a bearer token, or empty
 * @param caCertificate PEM certificates to trust for the API server, or empty for the JVM's
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 */
public record ClusterSettings(
    String namespace,
    Optional<URI> masterUrl,
    Optional<String> token,
    Optional<String> caCertificate,
    Duration connectTimeout,
    Duration requestTimeout) {

  @Override
  public String toString() {
    return "ClusterSettings{namespace="
        + namespace
        + ", masterUrl="
        + masterUrl.map(URI::toString).orElse("(automatic)")
        + ", token="
        + token.map(t -> "********").orElse("(none)")
        + ", caCertificate="
        + (caCertificate.isPresent() ? "(PEM)" : "(JVM)")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "}";
  }
}
