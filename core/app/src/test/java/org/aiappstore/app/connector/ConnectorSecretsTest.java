package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.junit.jupiter.api.Test;

class ConnectorSecretsTest {

  private final ConfigSchema schema =
      ConfigSchema.of(
          ConfigProperty.string("accessKey").required().build(),
          ConfigProperty.secret("secretKey").required().build());

  @Test
  void shouldMaskSecretsAndNothingElse() {
    Map<String, String> masked =
        ConnectorSecrets.masked(schema, Map.of("accessKey", "AKIA", "secretKey", "s3cr3t"));

    assertThat(masked).containsEntry("accessKey", "AKIA").containsEntry("secretKey", "********");
    assertThat(masked.values()).doesNotContain("s3cr3t");
  }

  @Test
  void shouldKeepTheStoredSecretWhenTheMaskIsSentBack() {
    Map<String, String> merged =
        ConnectorSecrets.unmask(
            schema,
            Map.of("accessKey", "AKIA", "secretKey", "s3cr3t"),
            Map.of("accessKey", "AKIB", "secretKey", ConfigProperty.MASK));

    assertThat(merged).containsEntry("accessKey", "AKIB").containsEntry("secretKey", "s3cr3t");
  }

  @Test
  void shouldTakeANewSecretWhenOneIsTyped() {
    Map<String, String> merged =
        ConnectorSecrets.unmask(
            schema, Map.of("secretKey", "old"), Map.of("secretKey", "new-secret"));

    assertThat(merged).containsEntry("secretKey", "new-secret");
  }

  @Test
  void shouldDropAMaskThatHasNothingStoredBehindIt() {
    Map<String, String> merged =
        ConnectorSecrets.unmask(schema, Map.of(), Map.of("secretKey", ConfigProperty.MASK));

    assertThat(merged).doesNotContainKey("secretKey");
  }

  @Test
  void shouldTreatANullValueAsNotSent() {
    Map<String, String> submitted = new HashMap<>();
    submitted.put("accessKey", "AKIA");
    submitted.put("region", null);

    Map<String, String> merged = ConnectorSecrets.unmask(schema, Map.of(), submitted);

    assertThat(merged).containsOnlyKeys("accessKey");
  }
}
