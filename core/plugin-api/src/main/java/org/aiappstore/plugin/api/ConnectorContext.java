package org.aiappstore.plugin.api;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Host services offered to connectors. Every method has a default so that test fakes stay small;
 * the host overrides them with shared, configured instances.
 */
public interface ConnectorContext {

  /**
   * The clock to read time from.
   *
   * @return by default the UTC system clock
   */
  default Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * An HTTP client configured by the host (proxy, timeouts, TLS).
   *
   * @return by default a new client with default settings
   */
  default HttpClient httpClient() {
    return HttpClient.newHttpClient();
  }

  /**
   * The plugin API version the host implements.
   *
   * @return by default {@link PluginApi#VERSION}
   */
  default String apiVersion() {
    return PluginApi.VERSION;
  }

  /**
   * A directory where the connector may keep temporary or cached files.
   *
   * @return by default the JVM's temporary directory ({@code java.io.tmpdir})
   */
  default Path workDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Looks up an optional host service, such as a Kubernetes client or a secret resolver.
   *
   * @param type the service type
   * @param <T> the service type
   * @return the service, by default empty
   */
  default <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }

  /**
   * A context where every service has its default.
   *
   * @return the default context
   */
  static ConnectorContext defaults() {
    return new ConnectorContext() {};
  }
}
