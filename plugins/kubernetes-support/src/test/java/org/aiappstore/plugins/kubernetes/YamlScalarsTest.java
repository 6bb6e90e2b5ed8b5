package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class YamlScalarsTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "a: b\n- c",
        "{{x}}",
        "'",
        "\"",
        "\\",
        "\\n is not a newline",
        "[(${x})]",
        "[[${x}]]",
        "<b>&amp;</b>",
        "# comment?",
        "- item",
        "---",
        "...",
        "yes",
        "no",
        "on",
        "null",
        "~",
        "0x10",
        "1e3",
        "010",
        ".inf",
        "  padded  ",
        "\ttab",
        "cr\rlf\ncrlf\r\n",
        "ünïcödé 日本語 😀",
        "*alias &anchor !tag",
        "| >",
        "@ `",
        "%YAML 1.2",
        "",
        "\u0000nul \u0007bell \u001b[31m",
        "\u0085 \u00a0 \u2028 \u2029 \ufeff \ufffe",
        "\u007f del \u009f"
      })
  void shouldReadBackExactlyWithFabric8AndSnakeYamlEngine(String value) {
    String yaml = "key: " + YamlScalars.quote(value) + "\nlist:\n  - " + YamlScalars.quote(value);

    Map<?, ?> fabric8 = SERIALIZATION.unmarshal(yaml, Map.class);
    Map<?, ?> engine = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);

    assertThat(fabric8.get("key")).isEqualTo(value);
    assertThat(fabric8.get("list")).isEqualTo(List.of(value));
    assertThat(engine.get("key")).isEqualTo(value);
  }

  @Test
  void shouldProduceOneLineWithoutHtmlEscapes() {
    String quoted = YamlScalars.quote("<a href=\"x\">&</a>\n\u2028");

    assertThat(quoted)
        .isEqualTo("\"<a href=\\\"x\\\">&</a>\\n\\u2028\"")
        .doesNotContain("&quot;")
        .doesNotContain("\n");
  }

  @Test
  void shouldWriteNullAsTheEmptyString() {
    assertThat(YamlScalars.quote(null)).isEqualTo("\"\"");
  }

  @Test
  void shouldRefuseUnpairedSurrogates() {
    assertThatThrownBy(() -> YamlScalars.quote("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPrintNumbersAndBooleansOnlyFromTheirTypes() {
    YamlExpressions yaml = new YamlExpressions();

    assertThat(yaml.num(7860)).isEqualTo("7860");
    assertThat(yaml.num(1000L)).isEqualTo("1000");
    assertThat(yaml.bool(true)).isEqualTo("true");
    assertThat(yaml.str(42)).isEqualTo("\"42\"");
    assertThatThrownBy(() -> yaml.num("7860\nevil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> yaml.bool("true")).isInstanceOf(IllegalArgumentException.class);
  }
}
