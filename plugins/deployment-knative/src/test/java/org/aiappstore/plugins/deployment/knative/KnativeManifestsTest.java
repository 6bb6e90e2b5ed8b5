package org.aiappstore.plugins.deployment.knative;

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

/** What the KNative template renders, compared with a reviewed copy. */
class KnativeManifestsTest {

  private static KubernetesMockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = KubernetesMockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void shouldRenderTheReviewedManifests() throws IOException {
    Map<String, String> config =
        KnativeBackendContractTest.knativeConfig(cluster.apiServer(), cluster.namespace());
    config.put(KubernetesConfig.IMAGE_PULL_SECRETS, "ghcr-pull");
    config.put(KnativeBackendFactory.TARGET_CONCURRENCY, "4");
    KnativeBackendFactory factory = new KnativeBackendFactory();
    AppSpec spec =
        AppSpec.builder("65f1c0ffee", "sentiment-demo", "ghcr.io/acme/sentiment:1.2", 7860)
            .env("MODEL_ID", "acme/sentiment")
            .env("GREETING", "say \"hi\": {{name}} $(HOME)")
            .secretEnv("HF_TOKEN", "hf_s3cr3t")
            .resources(new AppResources("250m", "2", "512Mi", "4Gi", 1))
            .replicas(1, 3)
            .scaleToZero(true)
            .label("aiappstore.org/card-id", "card-42")
            .build();

    try (DeploymentBackend backend =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
      String yaml = backend.preview(spec).yaml();

      assertThat(yaml).isEqualTo(expected("expected/knative-preview.yaml"));
    }
  }

  private static String expected(String resource) throws IOException {
    try (InputStream in =
        KnativeManifestsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
