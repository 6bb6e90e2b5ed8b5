package org.aiappstore.plugins.experiment.clearml;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Validated settings of one ClearML connector. {@link #toString()} leaves out the secret key.
 *
 * @param apiUrl the API server, without a trailing slash
 * @param webUrl the web app, without a trailing slash, for links
 * @param accessKey the API access key
 * @param secretKey the API secret key; never print it
 * @param requestTimeout the timeout of each HTTP request
 * @param projects project ids searches are limited to; empty for all
 */
record ClearMlSettings(
    URI apiUrl,
    URI webUrl,
    String accessKey,
    String secretKey,
    Duration requestTimeout,
    List<String> projects) {

  /**
   * The URL of an API endpoint.
   *
   * @param endpoint {@code service.action}, e.g. {@code tasks.get_by_id}
   * @return the URL
   */
  URI endpoint(String endpoint) {
    return URI.create(apiUrl + "/" + endpoint);
  }

  @Override
  public String toString() {
    return "ClearMlSettings{apiUrl="
        + apiUrl
        + ", webUrl="
        + webUrl
        + ", accessKey="
        + accessKey
        + ", secretKey=********, requestTimeout="
        + requestTimeout
        + ", projects="
        + projects
        + "}";
  }
}
