package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the values become the app's configuration (MicroProfile Config environment variables). */
class ConfigurationTest {

  @Nested
  class WithS3Storage {

    @Test
    void shouldPredefineTheS3ConnectorWithCredentialsExpandedFromSecretVariables() {
      Rendered rendered = Scenario.PRODUCTION_KNATIVE.render();
      List<EnvVar> env = rendered.server().getEnv();

      Map<String, Object> s3 = predefined(rendered, "s3");
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) s3.get("config");
      assertThat(s3).containsEntry("kind", "data-connector").containsEntry("factoryId", "s3");
      assertThat(config)
          .containsEntry("bucket", "aiappstore-media")
          .containsEntry("endpoint", "https://s3.eu-central-1.amazonaws.com")
          .containsEntry("accessKey", "$(AIAPPSTORE_S3_ACCESS_KEY)")
          .containsEntry("secretKey", "$(AIAPPSTORE_S3_SECRET_KEY)");
      // Kubernetes expands $(VAR) only from variables defined earlier in the list.
      int predefinedAt = indexOf(env, "AIAPPSTORE_CONNECTORS_PREDEFINED");
      for (String variable : List.of("AIAPPSTORE_S3_ACCESS_KEY", "AIAPPSTORE_S3_SECRET_KEY")) {
        assertThat(indexOf(env, variable)).isLessThan(predefinedAt);
        EnvVar secretVariable = env.get(indexOf(env, variable));
        assertThat(secretVariable.getValueFrom().getSecretKeyRef().getName())
            .isEqualTo("aiappstore-s3");
      }
      assertThat(rendered.appConfig().getData())
          .containsEntry("AIAPPSTORE_STORAGE_ACTIVE", "s3")
          .containsEntry(
              "AIAPPSTORE_PLUGINS_REQUIRED", "data-filesystem,data-s3,deployment-knative");
    }

    @Test
    void shouldUseTheChartsMinioAndMongodbInTheEvaluation() {
      Rendered rendered = Scenario.EVALUATION.render();

      assertThat(rendered.find(Deployment.class, "aas-aiappstore-mongodb")).isPresent();
      assertThat(rendered.find(Deployment.class, "aas-aiappstore-minio")).isPresent();
      EnvVar uri = rendered.serverEnv("AIAPPSTORE_MONGODB_URI").orElseThrow();
      assertThat(uri.getValueFrom().getSecretKeyRef().getName())
          .isEqualTo("aas-aiappstore-mongodb");
      Secret mongodb = rendered.get(Secret.class, "aas-aiappstore-mongodb");
      String password = decoded(mongodb, "root-password");
      assertThat(decoded(mongodb, "mongodb-uri"))
          .isEqualTo(
              "mongodb://root:" + password + "@aas-aiappstore-mongodb:27017/?authSource=admin");
      Container mongod =
          rendered
              .get(Deployment.class, "aas-aiappstore-mongodb")
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0);
      assertThat(mongod.getEnv())
          .filteredOn(e -> e.getName().equals("MONGO_INITDB_ROOT_PASSWORD"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                      .isEqualTo("root-password"));
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) predefined(rendered, "s3").get("config");
      assertThat(config)
          .containsEntry("endpoint", "http://aas-aiappstore-minio:9000")
          .containsEntry("createBucket", true);
      assertThat(
              rendered
                  .serverEnv("AIAPPSTORE_S3_SECRET_KEY")
                  .orElseThrow()
                  .getValueFrom()
                  .getSecretKeyRef()
                  .getName())
          .isEqualTo("aas-aiappstore-minio");
    }
  }

  @Test
  void shouldStartWithTheEmbeddedDatabaseOnAVolumeByDefault() {
    Rendered rendered = Scenario.DEFAULTS.render();

    assertThat(rendered.serverEnv("AIAPPSTORE_MONGODB_URI")).isEmpty();
    assertThat(rendered.serverEnv("AIAPPSTORE_CONNECTORS_PREDEFINED")).isEmpty();
    assertThat(rendered.app().getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(rendered.app().getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("data"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo("aas-aiappstore-data"));
    assertThat(rendered.appConfig().getData())
        .containsEntry("AIAPPSTORE_DATA_DIR", "/data")
        .containsEntry("AIAPPSTORE_PLUGINS_DIR", "/plugins")
        .containsEntry("AIAPPSTORE_PLUGINS_REQUIRED", "data-filesystem")
        .doesNotContainKey("AIAPPSTORE_STORAGE_ACTIVE");
  }

  @Test
  void shouldPredefineTheKnativeBackendInTheAppsNamespace() {
    Map<String, Object> backend = predefined(Scenario.PRODUCTION_KNATIVE.render(), "knative");

    assertThat(backend)
        .containsEntry("kind", "deployment-backend")
        .containsEntry("factoryId", "knative");
    assertThat(backend.get("config"))
        .isEqualTo(
            Map.of(
                "namespace", "aiappstore-apps",
                "domain", "apps.example.com",
                "urlScheme", "https",
                "targetConcurrency", 10,
                "maxCpu", "4",
                "maxMemory", "16Gi",
                "maxReplicas", 5));
  }

  @Test
  void shouldPredefineTheEmissaryBackendWithoutEmptySettings() {
    Map<String, Object> backend = predefined(Scenario.PRODUCTION_EMISSARY.render(), "emissary");

    assertThat(backend.get("config"))
        .isEqualTo(
            Map.of(
                "namespace", "aiappstore-apps",
                "publicBaseUrl", "https://apps.example.com",
                "mappingHostname", "apps.example.com",
                "maxReplicas", 3));
  }

  @Test
  void shouldConfigureOidcWhenEnabled() {
    Map<String, String> config = Scenario.PRODUCTION_KNATIVE.render().appConfig().getData();

    assertThat(config)
        .containsEntry("AIAPPSTORE_OIDC_ISSUER", "https://sso.example.com/realms/aiappstore")
        .containsEntry(
            "AIAPPSTORE_OIDC_JWKS_URI",
            "https://sso.example.com/realms/aiappstore/protocol/openid-connect/certs")
        .containsEntry("AIAPPSTORE_OIDC_CLIENT_ID", "aiappstore-spa")
        .containsEntry("AIAPPSTORE_OIDC_PERSONAL_TOKEN_SIGN_IN_DAYS", "30")
        .containsEntry("AIAPPSTORE_AUTH_BUILTIN_ENABLED", "true")
        .containsEntry("AIAPPSTORE_AUTH_TRUST_FORWARDED_FOR", "true");
    assertThat(Scenario.EVALUATION.render().appConfig().getData())
        .doesNotContainKey("AIAPPSTORE_OIDC_ISSUER");
  }

  @Test
  void shouldCopyOnlyTheEnabledPluginsIntoThePluginsDirectory() {
    Rendered rendered = Scenario.PRODUCTION_EMISSARY.render();
    Container prepare = rendered.app().getSpec().getTemplate().getSpec().getInitContainers().get(0);

    assertThat(prepare.getImage()).isEqualTo(rendered.server().getImage());
    assertThat(prepare.getEnv())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValue())
                    .isEqualTo(
                        "data-filesystem data-s3 experiment-clearml experiment-mlflow deployment-emissary"));
    assertThat(rendered.server().getImage())
        .isEqualTo("registry.example.com/aiappstore/aiappstore:0.1.0-SNAPSHOT");
  }

  @Test
  void shouldTakeTheFirstAdminPasswordFromTheNamedSecret() {
    EnvVar password =
        Scenario.PRODUCTION_EMISSARY.render().serverEnv("AIAPPSTORE_ADMIN_PASSWORD").orElseThrow();

    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("aiappstore-admin");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(Scenario.PRODUCTION_EMISSARY.render().find(Secret.class, "aas-aiappstore-admin"))
        .as("no generated admin Secret when one is named")
        .isEmpty();
  }

  @Test
  void shouldGenerateTheFirstAdminPasswordWhenNoSecretIsNamed() {
    Rendered rendered = Scenario.EVALUATION.render();

    String password = decoded(rendered.get(Secret.class, "aas-aiappstore-admin"), "password");
    assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(
            rendered
                .serverEnv("AIAPPSTORE_ADMIN_PASSWORD")
                .orElseThrow()
                .getValueFrom()
                .getSecretKeyRef()
                .getName())
        .isEqualTo("aas-aiappstore-admin");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> predefined(Rendered rendered, String id) {
    String json = rendered.serverEnv("AIAPPSTORE_CONNECTORS_PREDEFINED").orElseThrow().getValue();
    List<Map<String, Object>> instances = Serialization.unmarshal(json, List.class);
    return instances.stream()
        .filter(i -> id.equals(i.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No predefined connector " + id + " in " + json));
  }

  private static int indexOf(List<EnvVar> env, String name) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).getName().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("No variable " + name);
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        java.util.Base64.getDecoder().decode(secret.getData().get(key)),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
