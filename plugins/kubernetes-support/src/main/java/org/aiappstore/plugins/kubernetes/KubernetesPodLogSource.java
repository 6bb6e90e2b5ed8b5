package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * An app's logs through fabric8: pods selected by the app's labels, logs read with timestamps and a
 * byte limit per request. Every call runs with the plugin's class loader as context class loader.
 */
public final class KubernetesPodLogSource implements PodLogSource {

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> selector;
  private final BooleanSupplier appExists;
  private final int limitBytes;

  /**
   * Creates the source.
   *
   * @param client the client
   * @param namespace the app's namespace
   * @param selector labels of the app's pods
   * @param appExists whether the app's workload still exists; checked on every pod listing
   * @param limitBytes the most bytes read per request that does not follow
   */
  public KubernetesPodLogSource(
      KubernetesClient client,
      String namespace,
      Map<String, String> selector,
      BooleanSupplier appExists,
      int limitBytes) {
    this.client = client;
    this.namespace = namespace;
    this.selector = Map.copyOf(selector);
    this.appExists = appExists;
    this.limitBytes = limitBytes;
  }

  @Override
  public List<PodInfo> pods() {
    return KubernetesClients.withPluginClassLoader(
        () -> {
          if (!appExists.getAsBoolean()) {
            throw PlatformException.notFound("The app no longer exists");
          }
          try {
            return client
                .pods()
                .inNamespace(namespace)
                .withLabels(selector)
                .list()
                .getItems()
                .stream()
                .map(KubernetesPodLogSource::info)
                .sorted(
                    Comparator.comparing(
                        PodInfo::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
          } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "list the app's pods", false);
          }
        });
  }

  @Override
  public LogStream open(
      String pod, String container, Instant since, Integer tailLines, boolean follow) {
    return KubernetesClients.withPluginClassLoader(
        () -> {
          try {
            BytesLimitTerminateTimeTailPrettyLoggable timestamped =
                client
                    .pods()
                    .inNamespace(namespace)
                    .withName(pod)
                    .inContainer(container)
                    .withReadyWaitTimeout(0)
                    .usingTimestamps();
            TimeTailPrettyLoggable limited =
                follow ? timestamped : timestamped.limitBytes(limitBytes);
            TailPrettyLoggable timed =
                since == null
                    ? limited
                    : limited.sinceTime(since.truncatedTo(ChronoUnit.SECONDS).toString());
            Loggable log = tailLines == null ? timed : timed.tailingLines(tailLines);
            if (follow) {
              LogWatch watch = log.watchLog();
              return new Stream(watch.getOutput(), watch::close);
            }
            InputStream in = log.getLogInputStream();
            return new Stream(in, () -> closeQuietly(in));
          } catch (KubernetesClientException e) {
            if (KubernetesErrors.isNotRunning(e)) {
              throw new NotRunningException(KubernetesErrors.message(e), e);
            }
            throw KubernetesErrors.translate(e, "read the log of " + pod + "/" + container, false);
          }
        });
  }

  private static PodInfo info(Pod pod) {
    List<String> containers =
        pod.getSpec() == null
            ? List.of()
            : pod.getSpec().getContainers().stream().map(Container::getName).toList();
    String created = pod.getMetadata().getCreationTimestamp();
    return new PodInfo(
        pod.getMetadata().getName(), containers, created == null ? null : Instant.parse(created));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing left to read.
    }
  }

  private record Stream(InputStream input, Runnable closer) implements LogStream {
    @Override
    public void close() {
      closer.run();
    }
  }
}
