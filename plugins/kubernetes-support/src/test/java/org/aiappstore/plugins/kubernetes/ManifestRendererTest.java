package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class ManifestRendererTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ManifestRenderer renderer =
      new ManifestRenderer(
          getClass().getClassLoader(),
          List.of("test/object.yaml", "test/fragment.yaml", "test/nameless.yaml"),
          SERIALIZATION);

  @Test
  void shouldRenderInsertFragmentsAndDropBlankLines() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("plain", "value");
    data.put("tricky", "a: b\n- c {{x}} [(${y})] <&> '\"");

    ManifestRenderer.Rendered rendered =
        renderer.render(List.of("test/object.yaml"), model("demo", data)).get(0);

    assertThat(rendered.manifest().apiVersion()).isEqualTo("v1");
    assertThat(rendered.manifest().kind()).isEqualTo("ConfigMap");
    assertThat(rendered.manifest().name()).isEqualTo("demo");
    assertThat(rendered.manifest().yaml())
        .isEqualTo(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: "demo"
              labels:
                "app.kubernetes.io/name": "demo"
            data:
              "plain": "value"
              "tricky": "a: b\\n- c {{x}} [(${y})] <&> '\\""
            """);
    assertThat(rendered.object().getAdditionalProperties().get("data")).isEqualTo(data);
  }

  @Test
  void shouldRefuseTemplatesThatHtmlEscape() {
    assertThatThrownBy(
            () ->
                new ManifestRenderer(
                    getClass().getClassLoader(), List.of("test/escaped.yaml"), SERIALIZATION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[[");
  }

  @Test
  void shouldRefuseMissingTemplates() {
    assertThatThrownBy(
            () ->
                new ManifestRenderer(
                    getClass().getClassLoader(), List.of("test/missing.yaml"), SERIALIZATION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Missing template");
  }

  @Test
  void shouldRefuseADocumentWithoutName() {
    assertThatThrownBy(() -> renderer.render(List.of("test/nameless.yaml"), model("x", Map.of())))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INTERNAL));
  }

  private static Map<String, Object> model(String name, Map<String, String> data) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("name", name);
    app.put("labels", Map.of("app.kubernetes.io/name", name));
    app.put("data", data);
    return Map.of("app", app);
  }
}
