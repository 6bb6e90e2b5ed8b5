package org.aiappstore.plugin.tck.deployment.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode on a loopback port chosen by the
 * system, over plain HTTP, plus what the mock lacks and the deployment contract needs.
 *
 * <ul>
 *   <li>No controller runs: creating a Deployment or a KNative Service creates no pod. Tests add
 *       the pods a controller would create with {@link #addPod}, and events with {@link #addEvent}.
 *   <li>Pod logs are served from lines added with {@link #appendLog}, honouring {@code container},
 *       {@code timestamps}, {@code sinceTime} (second precision, as the API server), {@code
 *       tailLines} and {@code limitBytes}. The mock cannot hold a response open, so a {@code
 *       follow=true} request gets the lines written so far and then ends, as a real stream ends
 *       when a container restarts or a connection drops: a follower must reconnect and must not
 *       deliver a line twice. {@link #logRequests(String)} counts the requests per pod.
 *   <li>CRUD mode matches a path's attributes as a subset: a query for core {@code services} also
 *       returns KNative {@code services} of the same namespace. Query custom resources by their
 *       group.
 * </ul>
 */
public final class KubernetesMockCluster implements AutoCloseable {

  /** The namespace tests deploy into. */
  public static final String NAMESPACE = "tck-apps";

  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");

  /**
   * Not part of the Kubernetes API: a test that is not in this JVM (a browser test's demo app)
   * writes lines to a pod's first container's log with {@code POST /testing/pods/{name}/log}, one
   * line per body line.
   */
  private static final Pattern TEST_LOG_PATH = Pattern.compile("/testing/pods/([^/?]+)/log");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Map<String, PodLog> logs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> logRequests = new ConcurrentHashMap<>();
  private final Map<String, String> firstContainers = new ConcurrentHashMap<>();

  private KubernetesMockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    Dispatcher dispatcher =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Matcher log = LOG_PATH.matcher(request.getPath());
            if ("GET".equals(request.getMethod()) && log.matches()) {
              return serveLog(log.group(1), log.group(2), log.group(3));
            }
            Matcher testLog = TEST_LOG_PATH.matcher(request.getPath());
            if ("POST".equals(request.getMethod()) && testLog.matches()) {
              return writeLog(testLog.group(1), request.getBody().readUtf8());
            }
            return crud.dispatch(request);
          }
        };
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl(apiServer().toString())
                    .withNamespace(NAMESPACE)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  /**
   * Starts a cluster; close it when done.
   *
   * @return the running cluster
   */
  public static KubernetesMockCluster start() {
    return new KubernetesMockCluster();
  }

  /**
   * The API server's URL.
   *
   * @return e.g. {@code http://localhost:40123/}
   */
  public URI apiServer() {
    return URI.create(server.url("/"));
  }

  /**
   * The namespace apps are deployed into.
   *
   * @return {@value #NAMESPACE}
   */
  public String namespace() {
    return NAMESPACE;
  }

  /**
   * A client to inspect and change the cluster, as an administrator with {@code kubectl} would.
   *
   * @return the client, closed with the cluster
   */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Creates a running pod, as a controller would for a workload.
   *
   * @param name the pod name
   * @param labels its labels (those of the workload's pod template)
   * @param ready whether its containers are ready
   * @param containers its container names, at least one
   * @return the created pod
   */
  public Pod addPod(String name, Map<String, String> labels, boolean ready, String... containers) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .endSpec();
    for (String container : containers) {
      pod.editSpec()
          .addNewContainer()
          .withName(container)
          .withImage("tck")
          .endContainer()
          .endSpec();
    }
    pod.withStatus(runningStatus(ready, 0, containers));
    logs.putIfAbsent(name, new PodLog());
    firstContainers.put(name, containers[0]);
    return client.pods().inNamespace(NAMESPACE).resource(pod.build()).create();
  }

  /**
   * Replaces a pod's status with one whose first container waits for a reason, e.g. {@code
   * ImagePullBackOff} or {@code CrashLoopBackOff}.
   *
   * @param name the pod name
   * @param reason the waiting reason
   * @param message the waiting message
   * @param restarts the restart count
   */
  public void setWaiting(String name, String reason, String message, int restarts) {
    Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
    String container = pod.getSpec().getContainers().get(0).getName();
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .endCondition()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(container)
                    .withReady(false)
                    .withRestartCount(restarts)
                    .withNewState()
                    .withNewWaiting()
                    .withReason(reason)
                    .withMessage(message)
                    .endWaiting()
                    .endState()
                    .build())
            .build());
    client.pods().inNamespace(NAMESPACE).resource(pod).update();
  }

  /**
   * Marks a pod evicted, as the kubelet does under node pressure: phase {@code Failed}, reason
   * {@code Evicted}. The pod stays in the API (until pod GC), as on a real cluster.
   *
   * @param name the pod name
   */
  public void evictPod(String name) {
    Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Failed")
            .withReason("Evicted")
            .withMessage("The node was low on resource: memory.")
            .build());
    client.pods().inNamespace(NAMESPACE).resource(pod).update();
  }

  /**
   * Deletes a pod and forgets its logs.
   *
   * @param name the pod name
   */
  public void removePod(String name) {
    client.pods().inNamespace(NAMESPACE).withName(name).delete();
    logs.remove(name);
    firstContainers.remove(name);
  }

  /**
   * Records an event about an object.
   *
   * @param kind the object's kind, e.g. {@code Pod}
   * @param name the object's name
   * @param type {@code Normal} or {@code Warning}
   * @param reason e.g. {@code BackOff}
   * @param message what happened
   * @param time when
   */
  public void addEvent(
      String kind, String name, String type, String reason, String message, Instant time) {
    client
        .v1()
        .events()
        .inNamespace(NAMESPACE)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind(kind)
                .withName(name)
                .withNamespace(NAMESPACE)
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withLastTimestamp(time.truncatedTo(ChronoUnit.SECONDS).toString())
                .withCount(1)
                .build())
        .create();
  }

  /**
   * Installs the definition KNative Serving adds for its Services, as much as API discovery needs:
   * a backend that checks for KNative Serving finds it from then on.
   */
  public void installKnativeServing() {
    client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("services.serving.knative.dev")
                .endMetadata()
                .withNewSpec()
                .withGroup("serving.knative.dev")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Service")
                .withPlural("services")
                .withSingular("service")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  /**
   * Appends a line to a container's log.
   *
   * @param pod the pod name (added with {@link #addPod})
   * @param container the container name
   * @param time when the line was written
   * @param line the line, without terminator
   */
  public void appendLog(String pod, String container, Instant time, String line) {
    logs.computeIfAbsent(pod, p -> new PodLog()).append(container, time, line);
  }

  /**
   * How many log requests were served for a pod, to see a follower reconnect.
   *
   * @param pod the pod name
   * @return the number of requests
   */
  public int logRequests(String pod) {
    AtomicInteger count = logRequests.get(pod);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() {
    client.close();
    server.shutdown();
  }

  private static PodStatus runningStatus(boolean ready, int restarts, String... containers) {
    PodStatusBuilder status =
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition();
    for (String container : containers) {
      status.addToContainerStatuses(
          new ContainerStatusBuilder()
              .withName(container)
              .withReady(ready)
              .withRestartCount(restarts)
              .withNewState()
              .withNewRunning()
              .withStartedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
              .endRunning()
              .endState()
              .build());
    }
    return status.build();
  }

  // Runs on the mock's event loop, so it must not call the mock through the client.
  private MockResponse writeLog(String podName, String body) {
    String container = firstContainers.get(podName);
    if (container == null) {
      return new MockResponse().setResponseCode(404);
    }
    body.lines().forEach(line -> appendLog(podName, container, Instant.now(), line));
    return new MockResponse().setResponseCode(204);
  }

  private MockResponse serveLog(String namespace, String pod, String query) {
    logRequests.computeIfAbsent(pod, p -> new AtomicInteger()).incrementAndGet();
    PodLog log = logs.get(pod);
    if (!NAMESPACE.equals(namespace) || log == null) {
      return new MockResponse()
          .setResponseCode(404)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                  + "\"pods \\\""
                  + pod
                  + "\\\" not found\",\"reason\":\"NotFound\",\"code\":404}");
    }
    Map<String, String> params = parseQuery(query);
    String container = params.get("container");
    boolean timestamps = "true".equals(params.get("timestamps"));
    Instant since =
        params.containsKey("sinceTime")
            ? Instant.parse(params.get("sinceTime")).truncatedTo(ChronoUnit.SECONDS)
            : null;
    List<LogLine> lines = new ArrayList<>();
    for (LogLine line : log.lines) {
      if ((container == null || container.equals(line.container))
          && (since == null || !line.time.isBefore(since))) {
        lines.add(line);
      }
    }
    if (params.containsKey("tailLines")) {
      int tail = Integer.parseInt(params.get("tailLines"));
      lines = lines.subList(Math.max(0, lines.size() - tail), lines.size());
    }
    StringBuilder body = new StringBuilder();
    for (LogLine line : lines) {
      body.append(timestamps ? line.time + " " : "").append(line.text).append('\n');
    }
    String text = body.toString();
    if (params.containsKey("limitBytes")) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int limit = Integer.parseInt(params.get("limitBytes"));
      if (bytes.length > limit) {
        text = new String(bytes, 0, limit, StandardCharsets.UTF_8);
      }
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(text);
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private record LogLine(String container, Instant time, String text) {}

  private static final class PodLog {
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();

    void append(String container, Instant time, String text) {
      lines.add(new LogLine(container, time, text));
    }
  }
}
