package org.aiappstore.plugins.experiment.mlflow;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Validated settings of one MLflow connector. {@link #toString()} leaves out the secrets.
 *
 * @param trackingUrl the tracking server, without a trailing slash
 * @param webUrl the MLflow UI, without a trailing slash, for links
 * @param authorization the {@code Authorization} header value, or {@code null} for none; never
 *     print it
 * @param authDescription how requests authenticate, for messages: {@code none}, {@code bearer
 *     token} or {@code basic as <user>}
 * @param requestTimeout the timeout of each HTTP request
 * @param experimentIds experiment ids searches are limited to; empty for all active experiments
 */
record MlflowSettings(
    URI trackingUrl,
    URI webUrl,
    String authorization,
    String authDescription,
    Duration requestTimeout,
    List<String> experimentIds) {

  /**
   * The URL of a REST endpoint.
   *
   * @param path the path after {@code /api/2.0/mlflow/}, e.g. {@code runs/get}
   * @return the URL, without query
   */
  String endpoint(String path) {
    return trackingUrl + "/api/2.0/mlflow/" + path;
  }

  @Override
  public String toString() {
    return "MlflowSettings{trackingUrl="
        + trackingUrl
        + ", webUrl="
        + webUrl
        + ", auth="
        + authDescription
        + ", requestTimeout="
        + requestTimeout
        + ", experimentIds="
        + experimentIds
        + "}";
  }
}
