package org.aiappstore.plugin.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {

  private static final ProjectRef PROJECT = new ProjectRef("p1", "Vision");

  @Test
  void shouldDefaultToUnknownStatusAndEmptyParts() {
    Experiment experiment = Experiment.builder("t1", "resnet", PROJECT).build();

    assertSoftly(
        s -> {
          s.assertThat(experiment.status()).isEqualTo(ExperimentStatus.UNKNOWN);
          s.assertThat(experiment.tags()).isEmpty();
          s.assertThat(experiment.parameters()).isEmpty();
          s.assertThat(experiment.scalars()).isEmpty();
          s.assertThat(experiment.plots()).isEmpty();
          s.assertThat(experiment.artifacts()).isEmpty();
          s.assertThat(experiment.webUrl()).isNull();
        });
  }

  @Test
  void shouldKeepParametersInOrderAndImmutable() {
    Map<String, ParameterValue> parameters = new LinkedHashMap<>();
    parameters.put("Args/lr", ParameterValue.infer("0.01"));
    parameters.put("Args/batch", ParameterValue.infer("32"));
    parameters.put("Args/optimizer", ParameterValue.infer("adam"));

    Experiment experiment =
        Experiment.builder("t1", "resnet", PROJECT).parameters(parameters).build();
    parameters.clear();

    assertThat(experiment.parameters().keySet())
        .containsExactly("Args/lr", "Args/batch", "Args/optimizer");
    assertThatThrownBy(() -> experiment.parameters().put("x", ParameterValue.of(true)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectANullParameterValue() {
    Map<String, ParameterValue> parameters = new HashMap<>();
    parameters.put("lr", null);

    assertThatThrownBy(() -> Experiment.builder("t1", "n", PROJECT).parameters(parameters).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("lr");
  }

  @Test
  void shouldCopyListsDefensively() {
    List<String> tags = new ArrayList<>(List.of("baseline"));

    Experiment experiment = Experiment.builder("t1", "n", PROJECT).tags(tags).build();
    tags.add("later");

    assertThat(experiment.tags()).containsExactly("baseline");
  }

  @Test
  void shouldSummarizeItself() {
    Instant created = Instant.parse("2024-05-01T10:00:00Z");
    URI web = URI.create("https://app.clear.ml/projects/p1/experiments/t1");

    Experiment experiment =
        Experiment.builder("t1", "resnet", PROJECT)
            .owner("ada")
            .status(ExperimentStatus.COMPLETED)
            .created(created)
            .tags(List.of("baseline"))
            .webUrl(web)
            .build();

    assertThat(experiment.summary())
        .isEqualTo(
            new ExperimentSummary(
                "t1",
                "resnet",
                PROJECT,
                "ada",
                ExperimentStatus.COMPLETED,
                created,
                List.of("baseline"),
                web));
  }

  @Test
  void shouldNameAProjectByItsIdWhenTheNameIsUnknown() {
    assertThat(new ProjectRef("42", null).name()).isEqualTo("42");
    assertThat(new ProjectRef("42", " ").name()).isEqualTo("42");
  }

  @Test
  void shouldUseTheMetricNameAsVariantWhenThereIsNone() {
    assertThat(new MetricValue("accuracy", null, 0.9).variant()).isEqualTo("accuracy");
  }

  @Test
  void shouldRejectANegativeArtifactOrFileSize() {
    assertThatThrownBy(() -> new Artifact("model", "m", null, null, -1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileSummary(-1, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
