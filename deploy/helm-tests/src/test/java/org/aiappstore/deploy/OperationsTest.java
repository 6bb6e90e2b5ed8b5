package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Monitoring and the demo apps' network isolation. */
class OperationsTest {

  @Test
  void shouldAnnotatePodsForPrometheus() {
    Map<String, String> annotations =
        Scenario.EVALUATION.render().app().getSpec().getTemplate().getMetadata().getAnnotations();

    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "9080")
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void shouldScrapeMetricsThroughAServiceMonitorWhenEnabled() {
    Rendered rendered = Scenario.PRODUCTION_KNATIVE.render();

    HasMetadata monitor = rendered.ofKind("ServiceMonitor").get(0);
    assertThat(monitor).isInstanceOf(GenericKubernetesResource.class);
    Map<String, Object> spec = ((GenericKubernetesResource) monitor).get("spec");
    assertThat(spec.toString()).contains("path=/metrics").contains("port=http");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(Scenario.EVALUATION.render().ofKind("ServiceMonitor")).isEmpty();
  }

  @Test
  void shouldIsolateTheDemoAppsWhenTheNetworkPolicyIsEnabled() {
    NetworkPolicy policy =
        Scenario.PRODUCTION_KNATIVE.render().all(NetworkPolicy.class).stream()
            .findFirst()
            .orElseThrow();

    assertThat(policy.getMetadata().getNamespace()).isEqualTo("aiappstore-apps");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/managed-by", "aiappstore");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom())
                    .extracting(
                        p ->
                            p.getNamespaceSelector()
                                .getMatchLabels()
                                .get("kubernetes.io/metadata.name"))
                    .containsExactly("knative-serving", "kourier-system"));
    NetworkPolicyEgressRule internet = policy.getSpec().getEgress().get(1);
    assertThat(internet.getTo().get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
    assertThat(internet.getTo().get(0).getIpBlock().getExcept())
        .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
    assertThat(policy.getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsOnly(53);
  }

  @Test
  void shouldDenyAllIngressToTheDemoAppsWhenNoNamespaceIsAllowed() {
    NetworkPolicy policy =
        HelmChart.render(
                "values-production-emissary.yaml",
                Map.of("appsBackend.networkPolicy.ingressNamespaces", "null"))
            .all(NetworkPolicy.class)
            .get(0);

    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
    assertThat(policy.getSpec().getIngress()).isEmpty();
  }

  @Test
  void shouldRenderNoNetworkPolicyWithoutBackend() {
    assertThat(
            HelmChart.render(
                    "values-evaluation.yaml", Map.of("appsBackend.networkPolicy.enabled", true))
                .all(NetworkPolicy.class))
        .isEmpty();
  }
}
