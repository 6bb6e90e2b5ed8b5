package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.InvalidAppSpecException;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class AppPolicyTest {

  private static final AppPolicy POLICY =
      new AppPolicy("4", "8Gi", 1, 5, "500m", "1Gi", 1000, null, List.of());
  private static final Set<DeploymentCapability> ALL = Set.of(DeploymentCapability.values());

  private static AppSpec.Builder app() {
    return AppSpec.builder("id", "demo", "ghcr.io/a/b:1", 7860);
  }

  @Test
  void shouldFillInTheAdministratorsDefaults() {
    AppPolicy.Resources resources = POLICY.check(app().build(), ALL, List.of());

    assertThat(resources).isEqualTo(new AppPolicy.Resources("500m", "500m", "1Gi", "1Gi", 0));
  }

  @Test
  void shouldKeepRequestsWithinGivenLimitsAndLimitsAboveGivenRequests() {
    AppPolicy.Resources small =
        POLICY.check(
            app().resources(new AppResources(null, "250m", null, "512Mi", 0)).build(),
            ALL,
            List.of());
    AppPolicy.Resources large =
        POLICY.check(
            app().resources(new AppResources("2", null, "4Gi", null, 1)).build(), ALL, List.of());

    assertThat(small).isEqualTo(new AppPolicy.Resources("250m", "250m", "512Mi", "512Mi", 0));
    assertThat(large).isEqualTo(new AppPolicy.Resources("2", "2", "4Gi", "4Gi", 1));
  }

  @Test
  void shouldRefuseWhatExceedsTheMaxima() {
    AppSpec spec =
        app().resources(new AppResources(null, "8", null, "16Gi", 2)).replicas(1, 6).build();

    assertThatThrownBy(() -> POLICY.check(spec, ALL, List.of(new SpecViolation("port", "x"))))
        .isInstanceOfSatisfying(
            InvalidAppSpecException.class,
            e ->
                assertThat(e.violations())
                    .extracting(SpecViolation::field)
                    .containsExactly(
                        "port",
                        "resources.cpuLimit",
                        "resources.memoryLimit",
                        "resources.gpus",
                        "maxReplicas"));
  }

  @Test
  void shouldRefuseUndeclaredCapabilities() {
    assertThatThrownBy(() -> POLICY.check(app().scaleToZero(true).build(), Set.of(), List.of()))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_SUPPORTED));
    assertThatThrownBy(
            () ->
                POLICY.check(
                    app().resources(AppResources.none().withGpus(1)).build(), Set.of(), List.of()))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_SUPPORTED));
  }
}
