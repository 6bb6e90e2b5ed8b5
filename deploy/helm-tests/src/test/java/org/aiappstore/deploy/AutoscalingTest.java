package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An autoscaler instead of a fixed replica count. */
class AutoscalingTest {

  @Test
  void shouldLeaveTheReplicasToTheAutoscalerSoThatAnUpgradeKeepsItsCount() {
    Rendered rendered =
        HelmChart.render(
            "values-production-knative.yaml",
            Map.of(
                "autoscaling.enabled", true,
                "autoscaling.minReplicas", 2,
                "autoscaling.maxReplicas", 5));

    // With spec.replicas in the manifest, every upgrade would set the count back to it.
    assertThat(rendered.app().getSpec().getReplicas()).isNull();
    HorizontalPodAutoscaler hpa = rendered.all(HorizontalPodAutoscaler.class).get(0);
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(rendered.app().getMetadata().getName());
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
    assertThat(rendered.ofKind("PodDisruptionBudget")).hasSize(1);
  }

  @Test
  void shouldRenderNoAutoscalerByDefault() {
    Rendered rendered = HelmChart.render("values-production-knative.yaml");

    assertThat(rendered.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(rendered.app().getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void shouldHoldAnAutoscaledInstallToTheRulesOfSeveralReplicas() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    null,
                    Map.of(
                        "autoscaling.enabled", true,
                        "autoscaling.minReplicas", 1,
                        "persistence.enabled", false)))
        .hasMessageContaining("needs MongoDB");
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml",
                    Map.of(
                        "autoscaling.enabled", true,
                        "autoscaling.minReplicas", 4,
                        "autoscaling.maxReplicas", 3)))
        .hasMessageContaining("minReplicas <= autoscaling.maxReplicas");
  }
}
