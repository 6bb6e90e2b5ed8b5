package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlflowMappingTest {

  private final ObjectMapper json = MlflowExperimentConnectorFactory.objectMapper();

  @Nested
  class WhenDrawingAMetricHistory {

    @Test
    void shouldOrderPointsFromSeveralPagesByStepThenTime() throws Exception {
      MetricHistory history = new MetricHistory(100);
      String token =
          read(
              "{\"metrics\":[{\"key\":\"loss\",\"value\":0.5,\"timestamp\":20,\"step\":2},"
                  + "{\"key\":\"loss\",\"value\":0.9,\"timestamp\":10,\"step\":1}],"
                  + "\"next_page_token\":\"eyJvZmZzZXQiOiAyfQ==\"}",
              history);
      read(
          "{\"metrics\":[{\"key\":\"loss\",\"value\":1.0,\"timestamp\":5,\"step\":0},"
              + "{\"key\":\"loss\",\"value\":0.4,\"timestamp\":30,\"step\":2}]}",
          history);

      PlotlyFigure figure = MlflowMapping.figure("loss", history);

      assertThat(token).isEqualTo("eyJvZmZzZXQiOiAyfQ==");
      assertThat(figure.title()).isEqualTo("loss");
      assertThat(figure.xAxisTitle()).isEqualTo("Step");
      assertThat(figure.series())
          .singleElement()
          .satisfies(
              series -> {
                assertThat(series.name()).isEqualTo("loss");
                assertThat(series.x()).containsExactly(0.0, 1.0, 2.0, 2.0);
                assertThat(series.y()).containsExactly(1.0, 0.9, 0.5, 0.4);
              });
    }

    @Test
    void shouldTurnNanIntoAGapAndDefaultTheStepToZero() throws Exception {
      MetricHistory history = new MetricHistory(100);
      read(
          "{\"metrics\":[{\"key\":\"acc\",\"value\":NaN,\"timestamp\":1},"
              + "{\"key\":\"acc\",\"value\":\"NaN\",\"timestamp\":\"2\",\"step\":\"1\"}]}",
          history);

      PlotlyFigure figure = MlflowMapping.figure("acc", history);

      assertThat(figure.series().get(0).x()).containsExactly(0.0, 1.0);
      assertThat(figure.series().get(0).y()).isEqualTo(Arrays.asList(null, null));
    }

    @Test
    void shouldSayOnTheXAxisThatAHistoryWasThinnedOrCutShort() throws Exception {
      MetricHistory history = new MetricHistory(2);
      for (int step = 0; step < 5; step++) {
        history.add(step, step, step);
      }
      history.cutShort("reading more took longer than the request timeout");

      PlotlyFigure figure = MlflowMapping.figure("loss", history);

      assertThat(figure.title()).isEqualTo("loss");
      assertThat(figure.xAxisTitle())
          .isEqualTo(
              "Step (every 4th of 5 points, and the last; cut short after 5 points: reading more"
                  + " took longer than the request timeout)");
    }

    @Test
    void shouldDrawNothingForAnEmptyHistory() {
      assertThat(MlflowMapping.figure("loss", new MetricHistory(100))).isNull();
    }
  }

  @Test
  void shouldHideSystemTagsAndWriteValuedTagsAsKeyEqualsValue() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("baseline", "");
    tags.put("team", "vision");
    tags.put("mlflow.user", "ada");

    assertThat(MlflowMapping.userTags(tags)).containsExactly("baseline", "team=vision");
  }

  @Test
  void shouldReadFrameworksFromTheLoggedModelFlavors() {
    Map<String, String> tags =
        Map.of(
            MlflowMapping.LOGGED_MODELS_TAG,
            "[{\"artifact_path\":\"model\",\"flavors\":{\"python_function\":{},\"sklearn\":{}}},"
                + "{\"artifact_path\":\"pyfunc-only\",\"flavors\":{\"python_function\":{}}}]");

    Map<String, String> models = MlflowMapping.loggedModels(tags, json);

    assertThat(models).containsOnlyKeys("model", "pyfunc-only").containsEntry("model", "sklearn");
    assertThat(models.get("pyfunc-only")).isNull();
    assertThat(MlflowMapping.frameworks(models)).containsExactly("sklearn");
    assertThat(
            MlflowMapping.loggedModels(Map.of(MlflowMapping.LOGGED_MODELS_TAG, "not json"), json))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "RUNNING, RUNNING",
    "SCHEDULED, QUEUED",
    "FINISHED, COMPLETED",
    "FAILED, FAILED",
    "KILLED, STOPPED",
    "SOMETHING, UNKNOWN"
  })
  void shouldNormalizeRunStatuses(String status, ExperimentStatus expected) {
    assertThat(MlflowMapping.status(status)).isEqualTo(expected);
  }

  private String read(String page, MetricHistory history) throws Exception {
    try (var parser = json.createParser(page)) {
      return MlflowMapping.readHistoryPage(parser, history);
    }
  }
}
