package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Combinations that cannot work are refused when rendering, with a message saying what to set. */
class ValidationTest {

  @Test
  void shouldRefuseSeveralReplicasOnTheEmbeddedDatabase() {
    assertThatThrownBy(
            () -> HelmChart.render(null, Map.of("replicaCount", 2, "persistence.enabled", false)))
        .hasMessageContaining("replicaCount > 1 (or autoscaling) needs MongoDB");
  }

  @Test
  void shouldRefuseSeveralReplicasOnTheFilesystemStore() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml", Map.of("storage.type", "filesystem")))
        .hasMessageContaining("needs storage.type=s3");
  }

  @Test
  void shouldRefuseASharedDataVolume() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml", Map.of("persistence.enabled", true)))
        .hasMessageContaining("never a shared one");
  }

  @Test
  void shouldRefuseS3WithoutCredentials() {
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("storage.type", "s3")))
        .hasMessageContaining("storage.s3.credentialsSecret.name");
  }

  @Test
  void shouldRefuseEmissaryWithoutPublicUrl() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-emissary.yaml",
                    Map.of("appsBackend.emissary.publicBaseUrl", "")))
        .hasMessageContaining("publicBaseUrl");
  }

  @Test
  void shouldRefuseABackendTokenInTheValues() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml", Map.of("appsBackend.config.token", "x")))
        .hasMessageContaining("must not set token");
  }

  @Test
  void shouldRefuseAnInstallNobodyCanSignInTo() {
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("identity.builtin", false)))
        .hasMessageContaining("nobody could sign in");
  }

  @Test
  void shouldRefuseExternalSignInWithoutAnAudienceOrClientId() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml",
                    Map.of("identity.oidc.audience", "", "identity.oidc.clientId", "")))
        .hasMessageContaining("needs identity.oidc.audience or identity.oidc.clientId");
  }

  @Test
  void shouldRefuseARequiredPluginThatIsNotLoaded() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    "values-production-knative.yaml",
                    Map.of(
                        "appsBackend.type",
                        "emissary",
                        "appsBackend.emissary.publicBaseUrl",
                        "https://apps.example.com")))
        .hasMessageContaining("plugin deployment-emissary is required but not in plugins.enabled");
  }

  @Test
  void shouldAcceptTheSameScenarioWhenItIsConsistent() {
    assertThat(
            HelmChart.render(
                    "values-production-knative.yaml",
                    Map.of("replicaCount", 5, "ingress.tls.enabled", false))
                .app()
                .getSpec()
                .getReplicas())
        .isEqualTo(5);
  }
}
