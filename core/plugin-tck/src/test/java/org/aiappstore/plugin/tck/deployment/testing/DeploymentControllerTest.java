package org.aiappstore.plugin.tck.deployment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

  private KubernetesMockCluster cluster;
  private DeploymentController controller;

  @BeforeEach
  void start() {
    cluster = KubernetesMockCluster.start();
    controller = DeploymentController.start(cluster);
  }

  @AfterEach
  void stop() {
    controller.close();
    cluster.close();
  }

  @Test
  void shouldGiveEachDeploymentItsReadyPodsAndFollowItsScale() throws Exception {
    cluster.client().apps().deployments().resource(deployment("demo", 2)).create();
    awaitPods("demo", 2);
    assertThat(pods("demo"))
        .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("app", "demo"))
        .allSatisfy(
            p -> assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue());

    awaitRolledOut("demo", 2);

    cluster.client().apps().deployments().withName("demo").scale(0);
    awaitPods("demo", 0);

    cluster.client().apps().deployments().withName("demo").scale(1);
    awaitPods("demo", 1);
    cluster.client().apps().deployments().withName("demo").delete();
    awaitPods("demo", 0);
  }

  @Test
  void shouldLetATestOutsideTheJvmWriteAPodsLog() throws Exception {
    cluster.client().apps().deployments().resource(deployment("logger", 1)).create();
    awaitPods("logger", 1);
    String pod = pods("logger").get(0).getMetadata().getName();

    HttpResponse<Void> written =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(cluster.apiServer().resolve("testing/pods/" + pod + "/log"))
                    .POST(HttpRequest.BodyPublishers.ofString("first\nsecond\n"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());

    assertThat(written.statusCode()).isEqualTo(204);
    String log = cluster.client().pods().withName(pod).getLog();
    assertThat(log.lines()).containsExactly("Started " + pod, "first", "second");
    assertThat(
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(cluster.apiServer() + "testing/pods/none/log"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
  }

  private List<Pod> pods(String deployment) {
    return cluster.client().pods().withLabel("app", deployment).list().getItems();
  }

  private void awaitPods(String deployment, int count) throws InterruptedException {
    long end = System.currentTimeMillis() + 5_000;
    while (pods(deployment).size() != count && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertThat(pods(deployment)).hasSize(count);
  }

  private void awaitRolledOut(String name, int replicas) throws InterruptedException {
    long end = System.currentTimeMillis() + 5_000;
    while (!rolledOut(name, replicas) && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    Deployment deployment = cluster.client().apps().deployments().withName(name).get();
    assertThat(deployment.getStatus().getObservedGeneration())
        .isEqualTo(deployment.getMetadata().getGeneration());
    assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
    assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(replicas);
  }

  private boolean rolledOut(String name, int replicas) {
    Deployment deployment = cluster.client().apps().deployments().withName(name).get();
    return deployment.getStatus() != null
        && Integer.valueOf(replicas).equals(deployment.getStatus().getAvailableReplicas())
        && deployment.getMetadata().getGeneration() != null
        && deployment
            .getMetadata()
            .getGeneration()
            .equals(deployment.getStatus().getObservedGeneration());
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("demo:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
