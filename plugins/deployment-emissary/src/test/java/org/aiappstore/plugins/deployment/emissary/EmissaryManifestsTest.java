package org.aiappstore.plugins.deployment.emissary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.aiappstore.plugins.kubernetes.KubernetesConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Emissary templates render, compared with a reviewed copy. */
class EmissaryManifestsTest {

  private static KubernetesMockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = KubernetesMockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  static AppSpec sample() {
    return AppSpec.builder("65f1c0ffee", "sentiment-demo", "ghcr.io/acme/sentiment:1.2", 7860)
        .env("MODEL_ID", "acme/sentiment")
        .env("GREETING", "say \"hi\": {{name}} $(HOME)")
        .secretEnv("HF_TOKEN", "hf_s3cr3t")
        .resources(new AppResources("250m", "2", "512Mi", "4Gi", 1))
        .replicas(1, 3)
        .label("aiappstore.org/card-id", "card-42")
        .build();
  }

  @Test
  void shouldRenderTheReviewedManifests() throws IOException {
    Map<String, String> config =
        EmissaryBackendContractTest.emissaryConfig(cluster.apiServer(), cluster.namespace());
    config.put(EmissaryBackendFactory.AMBASSADOR_ID, "public");
    config.put(KubernetesConfig.HEALTH_CHECK_PATH, "/healthz");
    config.put(KubernetesConfig.IMAGE_PULL_SECRETS, "ghcr-pull");
    EmissaryBackendFactory factory = new EmissaryBackendFactory();

    try (DeploymentBackend backend =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
      String yaml = backend.preview(sample()).yaml();

      assertThat(yaml).isEqualTo(expected("expected/emissary-preview.yaml"));
    }
  }

  static String expected(String resource) throws IOException {
    try (InputStream in =
        EmissaryManifestsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
