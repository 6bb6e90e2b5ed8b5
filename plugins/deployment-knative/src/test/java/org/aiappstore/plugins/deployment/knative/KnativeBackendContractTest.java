package org.aiappstore.plugins.deployment.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.deployment.InvalidAppSpecException;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.tck.deployment.DeploymentBackendContract;
import org.aiappstore.plugins.kubernetes.KubernetesConfig;
import org.aiappstore.plugins.kubernetes.ResourceKinds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The KNative backend against the deployment-backend contract on the CRUD mock server (KNative
 * Services as generic resources with an explicit definition), plus what only it does: autoscaling
 * annotations, scale to zero, and the KNative Service's own status.
 */
class KnativeBackendContractTest extends DeploymentBackendContract {

  static Map<String, String> knativeConfig(URI apiServer, String namespace) {
    Map<String, String> config = new HashMap<>();
    config.put(KubernetesConfig.NAMESPACE, namespace);
    config.put(KubernetesConfig.MASTER_URL, apiServer.toString());
    config.put(KubernetesConfig.TOKEN, "tck-token");
    config.put(KubernetesConfig.REQUEST_TIMEOUT, "10");
    config.put(KubernetesConfig.CONNECT_TIMEOUT, "2");
    config.put(KubernetesConfig.MAX_GPUS, "1");
    config.put(KnativeBackendFactory.DOMAIN, "apps.example.com");
    return config;
  }

  @Override
  protected DeploymentBackendFactory factory() {
    return new KnativeBackendFactory();
  }

  @Override
  protected Map<String, String> config(URI apiServer, String namespace) {
    return knativeConfig(apiServer, namespace);
  }

  private GenericKubernetesResource service(AppSpec spec) {
    return cluster()
        .client()
        .genericKubernetesResources(ResourceKinds.KNATIVE_SERVICE)
        .inNamespace(cluster().namespace())
        .withName(spec.name())
        .get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> templateAnnotations(GenericKubernetesResource service) {
    Map<String, Object> spec = (Map<String, Object>) service.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    return (Map<String, String>)
        ((Map<String, Object>) template.get("metadata")).get("annotations");
  }

  /**
   * Writes the Service's status as KNative's controller would; it has observed the current
   * generation unless {@code status} says otherwise.
   */
  private void setStatus(AppSpec spec, Map<String, Object> status) {
    GenericKubernetesResource service = service(spec);
    Map<String, Object> written = new HashMap<>(status);
    written.putIfAbsent("observedGeneration", service.getMetadata().getGeneration());
    service.setAdditionalProperty("status", written);
    cluster()
        .client()
        .genericKubernetesResources(ResourceKinds.KNATIVE_SERVICE)
        .inNamespace(cluster().namespace())
        .resource(service)
        .update();
  }

  @Nested
  class WhenAutoscaling {

    @Test
    void shouldAnnotateTheRevisionWithTheReplicaRangeAndTarget() {
      AppSpec spec = app().replicas(2, 4).build();
      deploy(spec);

      assertThat(templateAnnotations(service(spec)))
          .containsEntry("autoscaling.knative.dev/min-scale", "2")
          .containsEntry("autoscaling.knative.dev/max-scale", "4")
          .containsEntry("autoscaling.knative.dev/initial-scale", "2")
          .containsEntry("autoscaling.knative.dev/target", "10");
    }

    @Test
    void shouldLetAnIdleAppScaleToZero() {
      AppSpec spec = app().replicas(1, 3).scaleToZero(true).build();

      AppStatus status = deploy(spec);

      assertThat(status.wantedReplicas()).isZero();
      assertThat(templateAnnotations(service(spec)))
          .containsEntry("autoscaling.knative.dev/min-scale", "0")
          .containsEntry("autoscaling.knative.dev/initial-scale", "1");
    }

    @Test
    void shouldScaleByTheMinimumScale() {
      AppSpec spec = app().replicas(1, 3).build();
      deploy(spec);

      backend().scale(spec.appId(), 3);

      assertThat(templateAnnotations(service(spec)))
          .containsEntry("autoscaling.knative.dev/min-scale", "3")
          .containsEntry("autoscaling.knative.dev/max-scale", "3");
      assertThat(backend().scale(spec.appId(), 0).wantedReplicas()).isZero();
      assertThat(templateAnnotations(service(spec)))
          .containsEntry("autoscaling.knative.dev/min-scale", "0")
          .containsEntry("autoscaling.knative.dev/initial-scale", "1");
    }

    @Test
    void shouldStopWithoutStartingAnInstanceWhereTheClusterAllowsZeroInitialScale() {
      Map<String, String> config = knativeConfig(cluster().apiServer(), cluster().namespace());
      config.put(KnativeBackendFactory.ZERO_INITIAL_SCALE, "true");
      AppSpec spec = app().replicas(1, 3).build();
      try (DeploymentBackend allowing = create(config)) {
        deploy(spec);
        assertThat(templateAnnotations(service(spec)))
            .containsEntry("autoscaling.knative.dev/initial-scale", "1");

        allowing.scale(spec.appId(), 0);

        assertThat(templateAnnotations(service(spec)))
            .containsEntry("autoscaling.knative.dev/min-scale", "0")
            .containsEntry("autoscaling.knative.dev/initial-scale", "0");
        allowing.update(spec);
        assertThat(templateAnnotations(service(spec)))
            .as("a stopped app stays without instance through an update")
            .containsEntry("autoscaling.knative.dev/initial-scale", "0");
        allowing.scale(spec.appId(), 2);
        assertThat(templateAnnotations(service(spec)))
            .containsEntry("autoscaling.knative.dev/initial-scale", "2");
      }
    }

    @Test
    void shouldLeaveAPortVariableEqualToThePortToKnative() {
      int port = app().build().port();
      AppSpec spec =
          app().env("PORT", String.valueOf(port)).env("GRADIO_SERVER_NAME", "0.0.0.0").build();

      deploy(spec);

      String json = cluster().client().getKubernetesSerialization().asJson(service(spec));
      assertThat(json).contains("GRADIO_SERVER_NAME").doesNotContain("\"PORT\"");
    }

    @Test
    void shouldRefuseEveryPortKnativeReserves() {
      for (int port : List.of(8008, 8012, 8013, 8022, 9090, 9091)) {
        AppSpec spec = app().port(port).build();

        assertThatThrownBy(() -> deploy(spec))
            .as("port %d", port)
            .isInstanceOfSatisfying(
                InvalidAppSpecException.class,
                e ->
                    assertThat(e.violations())
                        .extracting(SpecViolation::field)
                        .containsExactly("port"));
      }
    }

    @Test
    void shouldRefuseANameKnativeGivesRevisions() {
      AppSpec base = app().build();
      for (String name : List.of(base.name() + "-00001", base.name() + "-00001-private")) {
        AppSpec spec = AppSpec.builder(base.appId(), name, IMAGE, PORT).build();

        assertThatThrownBy(() -> deploy(spec))
            .as(name)
            .isInstanceOfSatisfying(
                InvalidAppSpecException.class,
                e ->
                    assertThat(e.violations())
                        .extracting(SpecViolation::field)
                        .containsExactly("name"));
      }
    }

    @Test
    void shouldRefuseWhatKnativeReserves() {
      AppSpec spec =
          app()
              .port(8012)
              .env("PORT", "7860")
              .secretEnv("K_SERVICE", "x")
              .label("serving.knative.dev/x", "y")
              .build();

      assertThatThrownBy(() -> deploy(spec))
          .isInstanceOfSatisfying(
              InvalidAppSpecException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(SpecViolation::field)
                      .containsExactly(
                          "port",
                          "env.PORT",
                          "secretEnv.K_SERVICE",
                          "labels.serving.knative.dev/x"));
    }
  }

  @Nested
  class WhenConfiguring {

    private List<String> violations(Map<String, String> values) {
      KnativeBackendFactory factory = new KnativeBackendFactory();
      Map<String, String> config = knativeConfig(cluster().apiServer(), cluster().namespace());
      config.putAll(values);
      try {
        factory
            .create(ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())
            .close();
        return List.of();
      } catch (InvalidConfigException e) {
        return e.violations().stream().map(ConfigViolation::property).toList();
      }
    }

    @Test
    void shouldRefuseATimeoutKnativeRejectsByDefault() {
      assertThat(violations(Map.of(KnativeBackendFactory.ROUTE_TIMEOUT, "600"))).isEmpty();
      assertThat(violations(Map.of(KnativeBackendFactory.ROUTE_TIMEOUT, "601")))
          .containsExactly(KnativeBackendFactory.ROUTE_TIMEOUT);
    }

    @Test
    void shouldAcceptALongerTimeoutWhereTheClusterAllowsIt() {
      assertThat(
              violations(
                  Map.of(
                      KnativeBackendFactory.ROUTE_TIMEOUT,
                      "1800",
                      KnativeBackendFactory.MAX_REVISION_TIMEOUT,
                      "1800")))
          .isEmpty();
    }
  }

  @Nested
  class WhenCheckingKnativeServing {

    @Test
    void shouldSayKnativeServingIsMissingUntilItsCrdExists() {
      assertThat(backend().unavailableReason())
          .hasValueSatisfying(reason -> assertThat(reason).contains("KNative Serving"));

      cluster().installKnativeServing();

      assertThat(backend().unavailableReason()).isEmpty();
    }
  }

  @Nested
  class WhenReadingTheKnativeStatus {

    @Test
    void shouldRunAndUseTheReportedUrl() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      setStatus(
          spec,
          Map.of(
              "url",
              "https://" + spec.name() + ".tck-apps.knative.example",
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.RUNNING);
      assertThat(status.ready()).isTrue();
      assertThat(status.url())
          .isEqualTo(URI.create("https://" + spec.name() + ".tck-apps.knative.example"));
    }

    @Test
    void shouldRunAgainOnceAnEvictedPodIsReplaced() {
      AppSpec spec = app().build();
      deploy(spec);
      String evicted = addPod(spec, false);
      cluster().evictPod(evicted);
      addPod(spec, true);
      setStatus(spec, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.RUNNING);
      assertThat(status.pods()).extracting(p -> p.name()).contains(evicted);
    }

    @Test
    void shouldDeployUntilKnativeHasTakenUpAScale() {
      AppSpec spec = app().replicas(1, 3).build();
      deploy(spec);
      addPod(spec, true);
      setStatus(spec, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
      assertThat(backend().status(spec.appId()).phase()).isEqualTo(AppPhase.RUNNING);

      AppStatus scaled = backend().scale(spec.appId(), 2);

      assertThat(scaled.phase()).isEqualTo(AppPhase.DEPLOYING);
      assertThat(scaled.message()).contains("take up the change");
    }

    @Test
    void shouldDeployUntilKnativeHasTakenUpAnUpdate() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      long generation = service(spec).getMetadata().getGeneration();
      backend().update(spec.toBuilder().image(IMAGE + "-2").build());
      // What KNative still reports about the previous generation (the mock drops status on PUT).
      setStatus(
          spec,
          Map.of(
              "observedGeneration",
              generation,
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
    }

    @Test
    void shouldDeployUntilTheLatestRevisionIsReady() {
      AppSpec spec = app().build();
      deploy(spec);
      addPod(spec, true);
      setStatus(
          spec,
          Map.of(
              "latestCreatedRevisionName",
              spec.name() + "-00002",
              "latestReadyRevisionName",
              spec.name() + "-00001",
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
      assertThat(status.message()).contains(spec.name() + "-00002");
    }

    @Test
    void shouldBuildTheUrlFromTheDomainUntilKnativeReportsOne() {
      AppSpec spec = app().build();

      AppStatus status = deploy(spec);

      assertThat(status.url())
          .isEqualTo(
              URI.create(
                  "https://" + spec.name() + "." + cluster().namespace() + ".apps.example.com/"));
    }

    @Test
    void shouldReportAnIdleAppAsScaledToZero() {
      AppSpec spec = app().scaleToZero(true).build();
      deploy(spec);
      setStatus(spec, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.SCALED_TO_ZERO);
      assertThat(status.ready()).isTrue();
    }

    @Test
    void shouldReportEventsOfItsOwnRevisionsOnly() {
      AppSpec spec = app().build();
      deploy(spec);
      String pod = addPod(spec, true);
      Pod running =
          cluster().client().pods().inNamespace(cluster().namespace()).withName(pod).get();
      running.getMetadata().getLabels().put("serving.knative.dev/revision", spec.name() + "-00001");
      cluster().client().pods().inNamespace(cluster().namespace()).resource(running).update();
      setStatus(
          spec,
          Map.of(
              "latestCreatedRevisionName",
              spec.name() + "-00002",
              "latestReadyRevisionName",
              spec.name() + "-00001",
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True"))));
      Instant now = Instant.now();
      cluster()
          .addEvent("Revision", spec.name() + "-00002", "Warning", "ContainerMissing", "x", now);
      cluster().addEvent("Revision", spec.name() + "-00001", "Normal", "Ready", "ours", now);
      // Objects of an app named '<name>-00003', which KNative would also name so.
      cluster()
          .addEvent("Configuration", spec.name() + "-00003", "Normal", "Created", "theirs", now);
      cluster().addEvent("Revision", spec.name() + "-00003", "Normal", "Created", "theirs", now);

      AppStatus status = backend().status(spec.appId());

      assertThat(status.events())
          .extracting(e -> e.object())
          .containsExactlyInAnyOrder(
              "Revision/" + spec.name() + "-00002", "Revision/" + spec.name() + "-00001");
    }

    @Test
    void shouldTellAColdStartThatCannotBeScheduled() {
      AppSpec spec = app().scaleToZero(true).build();
      deploy(spec);
      String podName = addPod(spec, false);
      Pod pod =
          cluster().client().pods().inNamespace(cluster().namespace()).withName(podName).get();
      pod.setStatus(
          new PodStatusBuilder()
              .withPhase("Pending")
              .addNewCondition()
              .withType("PodScheduled")
              .withStatus("False")
              .withReason("Unschedulable")
              .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
              .endCondition()
              .build());
      cluster().client().pods().inNamespace(cluster().namespace()).resource(pod).update();
      setStatus(spec, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.PENDING);
      assertThat(status.message()).contains("Insufficient nvidia.com/gpu");
    }

    @Test
    void shouldDeployWhileAColdStartRuns() {
      AppSpec spec = app().scaleToZero(true).build();
      deploy(spec);
      addPod(spec, false);
      setStatus(spec, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
    }

    @Test
    void shouldFailWithKnativesReason() {
      AppSpec spec = app().build();
      deploy(spec);
      setStatus(
          spec,
          Map.of(
              "conditions",
              List.of(
                  Map.of(
                      "type",
                      "Ready",
                      "status",
                      "False",
                      "reason",
                      "RevisionMissing",
                      "message",
                      "Configuration \"" + spec.name() + "\" does not have any ready Revision.")),
              "latestCreatedRevisionName",
              spec.name() + "-00001"));
      cluster()
          .addEvent(
              "Revision",
              spec.name() + "-00001",
              "Warning",
              "InternalError",
              "failed to resolve image",
              Instant.now());

      AppStatus status = backend().status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.FAILED);
      assertThat(status.message()).startsWith("RevisionMissing: ");
      assertThat(status.events())
          .extracting(e -> e.object())
          .contains("Revision/" + spec.name() + "-00001");
    }
  }
}
