package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Builds fabric8 clients from {@link ClusterSettings}, inside a PF4J plugin.
 *
 * <p>fabric8 finds its HTTP client and its model classes through {@link java.util.ServiceLoader},
 * which by default looks in the thread's context class loader: in the host that is the web app's,
 * which sees neither fabric8 nor the plugin. The client is therefore built with the JDK HTTP client
 * factory given explicitly and with the plugin's class loader as context class loader, and backends
 * run every call the same way ({@link #withPluginClassLoader}).
 */
public final class KubernetesClients {

  /** How often a failed request is retried (connection refused, 5xx) before failing. */
  static final int REQUEST_RETRIES = 2;

  /** The first retry delay, doubled for each further retry. */
  static final int RETRY_INTERVAL_MS = 250;

  private KubernetesClients() {}

  /**
   * Creates a client. It does not contact the cluster.
   *
   * @param settings where the cluster is
   * @return a client, to close
   */
  public static KubernetesClient create(ClusterSettings settings) {
    return withPluginClassLoader(
        () -> {
          ConfigBuilder builder =
              settings.masterUrl().isPresent()
                  ? new ConfigBuilder(Config.empty())
                      .withMasterUrl(settings.masterUrl().map(URI::toString).orElseThrow())
                  : new ConfigBuilder(Config.autoConfigure(null));
          settings.token().ifPresent(builder::withOauthToken);
          settings
              .caCertificate()
              .ifPresent(
                  pem ->
                      builder.withCaCertData(
                          Base64.getEncoder()
                              .encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
          Config config =
              builder
                  .withNamespace(settings.namespace())
                  .withConnectionTimeout((int) settings.connectTimeout().toMillis())
                  .withRequestTimeout((int) settings.requestTimeout().toMillis())
                  .withRequestRetryBackoffLimit(REQUEST_RETRIES)
                  .withRequestRetryBackoffInterval(RETRY_INTERVAL_MS)
                  .build();
          return new KubernetesClientBuilder()
              .withConfig(config)
              .withHttpClientFactory(new JdkHttpClientFactory())
              .build();
        });
  }

  /**
   * Runs an action with this library's class loader (the plugin's, in PF4J) as the thread's context
   * class loader, and restores the previous one.
   *
   * @param action the action
   * @param <T> its result type
   * @return its result
   */
  public static <T> T withPluginClassLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KubernetesClients.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
