package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every values file must render: the same guarantees whatever the scenario. */
class EveryScenarioTest {

  /** Names of settings that hold credentials; they may only come from a Secret. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("PASSWORD|SECRET|_TOKEN$|ACCESS_KEY|MONGODB_URI|CREDENTIAL");

  /** A URL with a password in it, e.g. {@code mongodb://user:pass@host}. */
  private static final Pattern URL_WITH_PASSWORD = Pattern.compile("://[^/@\\s]+:[^/@\\s]+@");

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldProbeTheHealthEndpoints(Scenario scenario) {
    Container server = scenario.render().server();

    assertSoftly(
        softly -> {
          softly.assertThat(httpPath(server.getStartupProbe())).isEqualTo("/health/live");
          softly.assertThat(httpPath(server.getLivenessProbe())).isEqualTo("/health/live");
          softly.assertThat(httpPath(server.getReadinessProbe())).isEqualTo("/health/ready");
          for (Probe probe :
              List.of(
                  server.getStartupProbe(),
                  server.getLivenessProbe(),
                  server.getReadinessProbe())) {
            softly.assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
          }
          softly
              .assertThat(server.getPorts())
              .anySatisfy(
                  p -> {
                    assertThat(p.getName()).isEqualTo("http");
                    assertThat(p.getContainerPort()).isEqualTo(9080);
                  });
          // The startup probe gives a first start minutes, the liveness probe does not wait that
          // long.
          softly
              .assertThat(
                  server.getStartupProbe().getFailureThreshold()
                      * server.getStartupProbe().getPeriodSeconds())
              .isGreaterThanOrEqualTo(180);
        });
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldGiveJobsScratchSpaceForTwiceTheLargestBundle(Scenario scenario) {
    PodSpec pod = scenario.render().app().getSpec().getTemplate().getSpec();

    var tmp =
        pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();

    // An import's upload (up to aiappstore.import.max-bytes, 2 GiB) and the bundle its job
    // writes; past the limit the kubelet evicts the pod.
    assertThat(tmp.getEmptyDir().getSizeLimit().getNumericalAmount())
        .isGreaterThan(java.math.BigDecimal.valueOf(2 * 2_147_483_648L));
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldKeepTheServersOwnEndpointsFromVisitorsBehindIngressNginx(Scenario scenario) {
    Rendered rendered = scenario.render();
    List<Ingress> ingresses = rendered.all(Ingress.class);
    boolean nginx =
        ingresses.stream().anyMatch(i -> "nginx".equals(i.getSpec().getIngressClassName()));

    List<Ingress> internal =
        ingresses.stream().filter(i -> i.getMetadata().getName().endsWith("-internal")).toList();

    if (!nginx) {
      assertThat(internal).isEmpty();
      return;
    }
    assertThat(internal).hasSize(1);
    Ingress restricted = internal.get(0);
    assertThat(restricted.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "127.0.0.1/32");
    var rule = restricted.getSpec().getRules().get(0);
    assertThat(rule.getHost())
        .isEqualTo(
            ingresses.stream()
                .filter(i -> !i.getMetadata().getName().endsWith("-internal"))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getRules()
                .get(0)
                .getHost());
    assertThat(rule.getHttp().getPaths())
        .extracting(p -> p.getPath() + " " + p.getPathType())
        .containsExactly("/health Prefix", "/metrics Prefix", "/openapi Prefix");
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldKeepServingWhileTheIngressLearnsThatAPodStops(Scenario scenario) {
    Rendered rendered = scenario.render();
    Container server = rendered.server();

    assertThat(server.getLifecycle().getPreStop().getExec().getCommand())
        .containsExactly("sleep", "10");
    // The sleep and Liberty's 30 s to finish what it serves fit in the grace period.
    assertThat(rendered.app().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldLetTheIngressPassBundlesAsLargeAsTheAppAccepts(Scenario scenario) {
    for (Ingress ingress : scenario.render().all(Ingress.class)) {
      Map<String, String> annotations = ingress.getMetadata().getAnnotations();
      String bodySize =
          annotations == null
              ? null
              : annotations.get("nginx.ingress.kubernetes.io/proxy-body-size");
      if (bodySize != null) {
        // "0": no limit at the ingress; the app answers its own 413 problem.
        assertThat(bodySize).as(ingress.getMetadata().getName()).isEqualTo("0");
        assertThat(annotations)
            .containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldRunTheWantedReplicas(Scenario scenario) {
    Rendered rendered = scenario.render();

    assertThat(rendered.app().getSpec().getReplicas()).isEqualTo(scenario.replicas);
    if (scenario.replicas > 1) {
      assertThat(rendered.app().getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
          .satisfies(v -> assertThat(v.getIntVal()).isZero());
      assertThat(rendered.ofKind("PodDisruptionBudget")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldRunEveryContainerAsNonRootWithReadOnlyRoot(Scenario scenario) {
    Rendered rendered = scenario.render();

    assertSoftly(
        softly -> {
          for (Deployment deployment : rendered.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            softly.assertThat(podContext.getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
            softly.assertThat(podContext.getRunAsUser()).as("pod runAsUser").isPositive();
            softly.assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            List<Container> containers = new ArrayList<>(pod.getInitContainers());
            containers.addAll(pod.getContainers());
            for (Container container : containers) {
              String name = deployment.getMetadata().getName() + "/" + container.getName();
              var context = container.getSecurityContext();
              softly.assertThat(context).as(name).isNotNull();
              softly.assertThat(context.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
              softly
                  .assertThat(context.getAllowPrivilegeEscalation())
                  .as(name + " allowPrivilegeEscalation")
                  .isFalse();
              softly
                  .assertThat(context.getReadOnlyRootFilesystem())
                  .as(name + " readOnlyRootFilesystem")
                  .isTrue();
              softly
                  .assertThat(context.getCapabilities().getDrop())
                  .as(name + " capabilities dropped")
                  .containsExactly("ALL");
            }
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldSetResourceRequestsAndLimitsOnEveryContainer(Scenario scenario) {
    assertSoftly(
        softly ->
            scenario
                .render()
                .allContainers()
                .forEach(
                    container -> {
                      var resources = container.getResources();
                      for (String resource : List.of("cpu", "memory")) {
                        softly
                            .assertThat(resources.getRequests())
                            .as(container.getName() + " requests")
                            .containsKey(resource);
                        softly
                            .assertThat(resources.getLimits())
                            .as(container.getName() + " limits")
                            .containsKey(resource);
                      }
                    }));
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldKeepSecretValuesOutOfConfigMapsAndEnvironmentLiterals(Scenario scenario) {
    Rendered rendered = scenario.render();
    List<String> plainTexts = new ArrayList<>();
    for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
      plainTexts.addAll(configMap.getData().values());
      assertThat(configMap.getData().keySet())
          .as("ConfigMap %s", configMap.getMetadata().getName())
          .noneMatch(key -> SECRET_NAME.matcher(key).find());
    }
    rendered
        .allContainers()
        .forEach(
            container -> {
              for (EnvVar env : container.getEnv()) {
                if (env.getValue() != null) {
                  plainTexts.add(env.getValue());
                  assertThat(env.getName())
                      .as("%s: a literal value for a credential", container.getName())
                      .doesNotContainPattern(SECRET_NAME);
                }
              }
            });
    rendered.objects().stream()
        .map(o -> o.getMetadata().getAnnotations())
        .filter(a -> a != null)
        .forEach(a -> plainTexts.addAll(a.values()));

    List<String> secrets = rendered.secretValues().toList();
    assertThat(secrets)
        .as("generated secrets")
        .allSatisfy(s -> assertThat(s).hasSizeGreaterThan(8));
    for (String secret : secrets) {
      assertThat(plainTexts)
          .as("a secret value appears outside a Secret")
          .noneMatch(text -> text.contains(secret));
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldReadCredentialsFromSecrets(Scenario scenario) {
    Rendered rendered = scenario.render();

    EnvVar adminPassword = rendered.serverEnv("AIAPPSTORE_ADMIN_PASSWORD").orElseThrow();
    assertThat(adminPassword.getValue()).isNull();
    assertThat(adminPassword.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
    rendered
        .serverEnv("AIAPPSTORE_MONGODB_URI")
        .ifPresent(uri -> assertThat(uri.getValueFrom().getSecretKeyRef()).isNotNull());
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldUseNamespaceScopedRbacOnly(Scenario scenario) {
    Rendered rendered = scenario.render();

    assertThat(rendered.ofKind("ClusterRole")).isEmpty();
    assertThat(rendered.ofKind("ClusterRoleBinding")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void shouldRouteTheIngressToTheServiceWithTlsWhenEnabled(Scenario scenario) {
    Rendered rendered = scenario.render();
    List<Ingress> ingresses = rendered.all(Ingress.class);
    Service service = rendered.get(Service.class, HelmChart.RELEASE + "-aiappstore");

    assertThat(service.getSpec().getSelector())
        .containsAllEntriesOf(
            Map.of("app.kubernetes.io/instance", "aas", "app.kubernetes.io/component", "server"));
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    if (!scenario.ingressWithTls) {
      assertThat(ingresses).isEmpty();
      return;
    }
    // The platform's Ingress; the server's own endpoints may have another (see below).
    Ingress ingress = rendered.get(Ingress.class, HelmChart.RELEASE + "-aiappstore");
    String host = ingress.getSpec().getRules().get(0).getHost();
    var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend();
    assertSoftly(
        softly -> {
          softly
              .assertThat(backend.getService().getName())
              .isEqualTo(service.getMetadata().getName());
          softly.assertThat(backend.getService().getPort().getName()).isEqualTo("http");
          softly.assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly(host);
          softly.assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isNotBlank();
          softly
              .assertThat(rendered.appConfig().getData())
              .containsEntry("AIAPPSTORE_AUTH_COOKIE_SECURE", "true");
        });
    // The production scenarios give every demo app a host of its own.
    assertThat(ingress.getSpec().getRules())
        .extracting(r -> r.getHost())
        .containsExactly(host, "*.demos.models.example.com");
    assertThat(ingress.getSpec().getRules().get(1).getHttp().getPaths())
        .as("an app's host routes the app and the way in only, not Liberty's own endpoints")
        .allSatisfy(p -> assertThat(p.getBackend()).isEqualTo(backend))
        .extracting(p -> p.getPath())
        .containsExactly("/apps/", "/.aiappstore/");
    assertThat(ingress.getSpec().getTls().get(1).getHosts())
        .containsExactly("*.demos.models.example.com");
    assertThat(ingress.getSpec().getTls().get(1).getSecretName()).isEqualTo("aiappstore-apps-tls");
    assertThat(rendered.appConfig().getData())
        .containsEntry("AIAPPSTORE_APPS_ORIGIN", "https://{id}.demos.models.example.com");
  }

  @Test
  void shouldLeaveAppsOnThePlatformsHostWithoutAnAppsHost() {
    Rendered rendered =
        HelmChart.render(
            null, Map.of("ingress.enabled", "true", "ingress.host", "models.example.org"));

    Ingress ingress = rendered.get(Ingress.class, HelmChart.RELEASE + "-aiappstore");
    assertThat(ingress.getSpec().getRules())
        .extracting(r -> r.getHost())
        .containsExactly("models.example.org");
    assertThat(rendered.appConfig().getData()).doesNotContainKey("AIAPPSTORE_APPS_ORIGIN");
  }

  @Test
  void shouldServeAppsOverPlainHttpWhenTheIngressHasNoTls() {
    Rendered rendered =
        HelmChart.render(
            null,
            Map.of(
                "ingress.enabled", "true",
                "ingress.host", "models.lab",
                "ingress.appsHost", "apps.models.lab"));

    assertThat(rendered.appConfig().getData())
        .containsEntry("AIAPPSTORE_APPS_ORIGIN", "http://{id}.apps.models.lab");
    assertThat(rendered.get(Ingress.class, HelmChart.RELEASE + "-aiappstore").getSpec().getTls())
        .isNullOrEmpty();
  }

  private static String httpPath(Probe probe) {
    assertThat(probe).isNotNull();
    return probe.getHttpGet().getPath();
  }
}
