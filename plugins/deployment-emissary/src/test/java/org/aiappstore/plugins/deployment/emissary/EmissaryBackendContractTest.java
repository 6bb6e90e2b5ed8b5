package org.aiappstore.plugins.deployment.emissary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.tck.deployment.DeploymentBackendContract;
import org.aiappstore.plugins.kubernetes.KubernetesConfig;
import org.aiappstore.plugins.kubernetes.ResourceKinds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Emissary backend against the deployment-backend contract on the CRUD mock server, plus what
 * only it does: routing, fixed replicas, and the Deployment's own status.
 */
class EmissaryBackendContractTest extends DeploymentBackendContract {

  static Map<String, String> emissaryConfig(URI apiServer, String namespace) {
    Map<String, String> config = new HashMap<>();
    config.put(KubernetesConfig.NAMESPACE, namespace);
    config.put(KubernetesConfig.MASTER_URL, apiServer.toString());
    config.put(KubernetesConfig.TOKEN, "tck-token");
    config.put(KubernetesConfig.REQUEST_TIMEOUT, "10");
    config.put(KubernetesConfig.CONNECT_TIMEOUT, "2");
    config.put(KubernetesConfig.MAX_GPUS, "1");
    config.put(EmissaryBackendFactory.PUBLIC_BASE_URL, "https://apps.example.com");
    return config;
  }

  @Override
  protected DeploymentBackendFactory factory() {
    return new EmissaryBackendFactory();
  }

  @Override
  protected Map<String, String> config(URI apiServer, String namespace) {
    return emissaryConfig(apiServer, namespace);
  }

  private Deployment deployment(AppSpec spec) {
    return cluster()
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster().namespace())
        .withName(spec.name())
        .get();
  }

  /** Writes the status the Deployment controller writes once a rollout is complete. */
  private void rolledOut(AppSpec spec, int replicas) {
    rollout(spec, replicas, replicas, replicas);
  }

  /**
   * Writes the status the Deployment controller writes during a rollout of the current generation.
   *
   * @param replicas the pods of every ReplicaSet
   * @param updated the pods of the new ReplicaSet
   * @param available the available pods of every ReplicaSet
   */
  private void rollout(AppSpec spec, int replicas, int updated, int available) {
    Deployment deployment = deployment(spec);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(available)
            .withAvailableReplicas(available)
            .build());
    cluster().client().resource(deployment).update();
  }

  @Nested
  class WhenRouting {

    @Test
    void shouldServeTheAppUnderItsPrefixOfThePublicHost() {
      AppSpec spec = app().build();

      AppStatus status = deploy(spec);

      assertThat(status.url())
          .isEqualTo(URI.create("https://apps.example.com/apps/" + spec.name() + "/"));
      GenericKubernetesResource mapping =
          cluster()
              .client()
              .genericKubernetesResources(ResourceKinds.EMISSARY_MAPPING)
              .inNamespace(cluster().namespace())
              .withName(spec.name())
              .get();
      assertThat(json(mapping))
          .contains("\"prefix\":\"/apps/" + spec.name() + "/\"")
          .contains("\"rewrite\":\"/\"")
          .contains("\"service\":\"" + spec.name() + "." + cluster().namespace() + ":80\"")
          .contains("\"allow_upgrade\":[\"websocket\"]");
    }
  }

  @Nested
  class WhenScalingADeployment {

    @Test
    void shouldSetTheDeploymentsReplicas() {
      AppSpec spec = app().replicas(1, 3).build();
      deploy(spec);

      backend().scale(spec.appId(), 3);

      assertThat(deployment(spec).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void shouldStopAtZeroReplicas() {
      AppSpec spec = app().build();
      deploy(spec);

      AppStatus stopped = backend().scale(spec.appId(), 0);

      assertThat(stopped.phase()).isEqualTo(AppPhase.SCALED_TO_ZERO);
      assertThat(deployment(spec).getSpec().getReplicas()).isZero();
    }

    @Test
    void shouldPullAMovableTagEveryTimeAndADigestOnce() {
      AppSpec tagged = app().build();
      AppSpec pinned =
          app().image("registry.example.com/tck/demo@sha256:" + "ab".repeat(32)).build();
      deploy(tagged);
      deploy(pinned);

      assertThat(
              deployment(tagged)
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImagePullPolicy())
          .isEqualTo("Always");
      assertThat(
              deployment(pinned)
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImagePullPolicy())
          .isEqualTo("IfNotPresent");
    }

    @Test
    void shouldKeepTheHardenedPod() {
      AppSpec spec = app().build();
      deploy(spec);

      Deployment deployment = deployment(spec);

      var pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      var container = pod.getContainers().get(0);
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal())
          .isEqualTo(PORT);
      assertThat(container.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(PORT);
      assertThat(container.getStartupProbe()).isNotNull();
    }
  }

  @Nested
  class WhenReadingTheDeploymentsStatus {

    @Test
    void shouldRunWhenAllWantedPodsAreReady() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      rolledOut(spec, 1);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.RUNNING);
      assertThat(status.ready()).isTrue();
      assertThat(status.message()).isEqualTo("1 of 1 instance ready");
    }

    @Test
    void shouldRunAgainOnceAnEvictedPodIsReplaced() {
      AppSpec spec = app().build();
      deploy(spec);
      String evicted = addPod(spec, false);
      cluster().evictPod(evicted);
      addPod(spec, true);
      rolledOut(spec, 1);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.RUNNING);
      assertThat(status.pods()).extracting(p -> p.name()).contains(evicted);
    }

    @Test
    void shouldDeployWhileTheOldInstanceServesAndTheNewOneStarts() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      rolledOut(spec, 1);
      backend().update(spec.toBuilder().image(IMAGE + "-2").build());
      addPod(spec, false);
      rollout(spec, 2, 1, 1);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
      assertThat(status.message())
          .isEqualTo("Rolling out: 1 of 1 updated, 1 available, 1 old instance left");
    }

    @Test
    void shouldDeployUntilTheUpdatedInstancesAreAvailable() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      rollout(spec, 1, 1, 0);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
      assertThat(status.message()).isEqualTo("Rolling out: 1 of 1 updated, 0 available");
    }

    @Test
    void shouldDeployUntilTheControllerHasSeenTheDeployment() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
      assertThat(status.message()).contains("Deployment controller");
    }

    @Test
    void shouldFailWhenTheRolloutStalls() {
      AppSpec spec = app().build();
      deploy(spec);
      Deployment deployment = deployment(spec);
      deployment.setStatus(
          new DeploymentStatusBuilder()
              .withObservedGeneration(1L)
              .withConditions(
                  new DeploymentConditionBuilder()
                      .withType("Progressing")
                      .withStatus("False")
                      .withReason("ProgressDeadlineExceeded")
                      .build())
              .build());
      cluster().client().resource(deployment).update();

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.FAILED);
      assertThat(status.message()).contains("ProgressDeadlineExceeded");
    }
  }

  @Nested
  class WhenUpdatingWithoutChange {

    @Test
    void shouldLeaveTheDeploymentAsTheClusterKeepsIt() {
      AppSpec spec = app().build();
      deploy(spec);
      Deployment deployment = deployment(spec);
      // What the API server defaults, and what `kubectl rollout restart` adds.
      deployment.getSpec().setProgressDeadlineSeconds(600);
      Map<String, String> annotations =
          new HashMap<>(
              Objects.requireNonNullElse(
                  deployment.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of()));
      annotations.put("kubectl.kubernetes.io/restartedAt", "2026-03-01T10:00:00Z");
      deployment.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
      cluster().client().resource(deployment).update();
      String version = deployment(spec).getMetadata().getResourceVersion();

      backend().update(spec.withMaskedSecrets());

      Deployment after = deployment(spec);
      assertThat(after.getMetadata().getResourceVersion()).isEqualTo(version);
      assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsKey("kubectl.kubernetes.io/restartedAt");
    }
  }

  @Nested
  class WhenConfiguring {

    @Test
    void shouldRefuseAPublicUrlWithAQuery() {
      EmissaryBackendFactory factory = new EmissaryBackendFactory();
      Map<String, String> config = emissaryConfig(cluster().apiServer(), cluster().namespace());
      config.put(EmissaryBackendFactory.PUBLIC_BASE_URL, "https://apps.example.com/?x=1");
      config.put(EmissaryBackendFactory.MAPPING_HOSTNAME, "not a host");

      assertThatThrownBy(
              () ->
                  factory.create(
                      ConnectorConfig.of(factory.configSchema(), config),
                      ConnectorContext.defaults()))
          .isInstanceOfSatisfying(
              InvalidConfigException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(ConfigViolation::property)
                      .isEqualTo(
                          List.of(
                              EmissaryBackendFactory.PUBLIC_BASE_URL,
                              EmissaryBackendFactory.MAPPING_HOSTNAME)));
    }

    @Test
    void shouldNeverPrintTheToken() {
      assertThat(backend().toString()).doesNotContain("tck-token");
    }
  }
}
