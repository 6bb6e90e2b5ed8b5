package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.junit.jupiter.api.Test;

class KubernetesConfigTest {

  private static final ConfigSchema SCHEMA;

  static {
    List<ConfigProperty> properties = new ArrayList<>(KubernetesConfig.clusterProperties());
    properties.addAll(KubernetesConfig.policyProperties());
    SCHEMA = ConfigSchema.of(properties.toArray(ConfigProperty[]::new));
  }

  @Test
  void shouldApplyDefaults() {
    List<ConfigViolation> violations = new ArrayList<>();
    ConnectorConfig config = ConnectorConfig.of(SCHEMA, Map.of());

    ClusterSettings cluster = KubernetesConfig.cluster(config, violations);
    AppPolicy policy = KubernetesConfig.policy(config, violations);

    assertThat(violations).isEmpty();
    assertThat(cluster.namespace()).isEqualTo("aiappstore-apps");
    assertThat(cluster.masterUrl()).isEmpty();
    assertThat(cluster.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy)
        .isEqualTo(new AppPolicy("4", "16Gi", 0, 5, "500m", "1Gi", 1000, null, List.of()));
  }

  @Test
  void shouldReportEveryBadValue() {
    Map<String, String> values = new HashMap<>();
    values.put(KubernetesConfig.NAMESPACE, "kube-system");
    values.put(KubernetesConfig.MASTER_URL, "https://admin:pw@k8s.example.com");
    values.put(KubernetesConfig.CA_CERTIFICATE, "not a certificate");
    values.put(KubernetesConfig.CONNECT_TIMEOUT, "0");
    values.put(KubernetesConfig.MAX_CPU, "lots");
    values.put(KubernetesConfig.DEFAULT_MEMORY, "32Gi");
    values.put(KubernetesConfig.MAX_GPUS, "99");
    values.put(KubernetesConfig.RUN_AS_USER, "0");
    values.put(KubernetesConfig.HEALTH_CHECK_PATH, "health");
    values.put(KubernetesConfig.IMAGE_PULL_SECRETS, "ok,Not_OK");
    List<ConfigViolation> violations = new ArrayList<>();
    ConnectorConfig config = ConnectorConfig.of(SCHEMA, values);

    KubernetesConfig.cluster(config, violations);
    KubernetesConfig.policy(config, violations);

    assertThat(violations)
        .extracting(ConfigViolation::property)
        .containsExactly(
            KubernetesConfig.NAMESPACE,
            KubernetesConfig.MASTER_URL,
            KubernetesConfig.CA_CERTIFICATE,
            KubernetesConfig.CONNECT_TIMEOUT,
            KubernetesConfig.MAX_CPU,
            KubernetesConfig.DEFAULT_MEMORY,
            KubernetesConfig.MAX_GPUS,
            KubernetesConfig.RUN_AS_USER,
            KubernetesConfig.HEALTH_CHECK_PATH,
            KubernetesConfig.IMAGE_PULL_SECRETS);
  }

  @Test
  void shouldNeverPrintTheToken() {
    ConnectorConfig config =
        ConnectorConfig.of(
            SCHEMA,
            Map.of(
                KubernetesConfig.MASTER_URL, "https://k8s.example.com:6443",
                KubernetesConfig.TOKEN, "eyJhbGciOi-secret-token"));

    ClusterSettings cluster = KubernetesConfig.cluster(config, new ArrayList<>());

    assertThat(cluster.token()).contains("eyJhbGciOi-secret-token");
    assertThat(cluster.toString()).doesNotContain("eyJhbGciOi-secret-token").contains("********");
  }
}
