package org.aiappstore.plugin.tck.deployment.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays the Deployment controller and the kubelet for browser tests, which the CRUD mock does not
 * have: a few times a second it gives every Deployment of the mock's namespace as many ready pods
 * as its {@code spec.replicas} asks for (labelled from its pod template, so the backends find them)
 * and removes the extra ones, then writes the Deployment's status as after a complete rollout
 * (observed generation, replicas updated and available), which backends read as {@code kubectl
 * rollout status} does. Each new pod writes a start-up line to its log, as a demo app would, and
 * more lines can be written through {@link KubernetesMockCluster#appendLog}.
 */
public final class DeploymentController implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DeploymentController.class.getName());

  /**
   * The mock logs every request at INFO; polling a few times a second would bury a test's output.
   * Held here so that the logger, and its level, are not garbage-collected.
   */
  private static final Logger MOCK_REQUESTS =
      Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private final KubernetesMockCluster cluster;
  private final ScheduledExecutorService ticker;
  private final AtomicInteger podNumbers = new AtomicInteger();

  private DeploymentController(KubernetesMockCluster cluster, long periodMillis) {
    MOCK_REQUESTS.setLevel(Level.WARNING);
    this.cluster = cluster;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "mock-deployment-controller");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(this::safeReconcile, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts reconciling the cluster's Deployments until closed.
   *
   * @param cluster the mock cluster
   * @return the running controller
   */
  public static DeploymentController start(KubernetesMockCluster cluster) {
    return new DeploymentController(cluster, 250);
  }

  private void safeReconcile() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      // The next tick tries again; a test sees the effect (or its absence) through the backend.
      LOG.log(Level.FINE, "Mock deployment controller tick failed", e);
    }
  }

  /** One pass: every Deployment gets exactly the ready pods it wants. */
  void reconcile() {
    List<Pod> pods = cluster.client().pods().inNamespace(cluster.namespace()).list().getItems();
    for (Deployment deployment :
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems()) {
      if (deployment.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String name = deployment.getMetadata().getName();
      int wanted =
          deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      List<Pod> owned = new ArrayList<>();
      for (Pod pod : pods) {
        if (pod.getMetadata().getName().startsWith(name + "-")
            && pod.getMetadata().getLabels() != null
            && pod.getMetadata().getLabels().entrySet().containsAll(labels.entrySet())) {
          owned.add(pod);
        }
      }
      String container =
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
      for (int i = owned.size(); i < wanted; i++) {
        String podName = name + "-" + podNumbers.incrementAndGet();
        cluster.addPod(podName, labels, true, container);
        cluster.appendLog(podName, container, Instant.now(), "Started " + podName);
      }
      for (int i = wanted; i < owned.size(); i++) {
        cluster.removePod(owned.get(i).getMetadata().getName());
      }
      writeRolledOut(deployment, wanted);
    }
    // Pods whose Deployment is gone go with it, as garbage collection would do.
    for (Pod pod : pods) {
      String podName = pod.getMetadata().getName();
      boolean orphan =
          podName.contains("-")
              && cluster
                      .client()
                      .apps()
                      .deployments()
                      .inNamespace(cluster.namespace())
                      .withName(podName.substring(0, podName.lastIndexOf('-')))
                      .get()
                  == null;
      if (orphan && podName.substring(podName.lastIndexOf('-') + 1).matches("\\d+")) {
        cluster.removePod(podName);
      }
    }
  }

  /** The status the Deployment controller writes once all wanted pods are updated and ready. */
  private void writeRolledOut(Deployment deployment, int replicas) {
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build();
    if (!status.equals(deployment.getStatus())) {
      deployment.setStatus(status);
      // With its resourceVersion: a Deployment changed meanwhile is taken up on the next tick.
      cluster
          .client()
          .apps()
          .deployments()
          .inNamespace(cluster.namespace())
          .resource(deployment)
          .update();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
