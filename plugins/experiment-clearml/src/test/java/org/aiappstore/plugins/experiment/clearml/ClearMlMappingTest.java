package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.PlotlySeries;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClearMlMappingTest {

  private final ObjectMapper json = ClearMlExperimentConnectorFactory.objectMapper();

  @Nested
  class WhenDrawingScalars {

    @Test
    void shouldMakeOneFigurePerMetricAndOneSeriesPerVariant() throws Exception {
      JsonNode data =
          json.readTree(
              "{\"loss\":{\"train\":{\"name\":\"train\",\"x\":[0,10,20],\"y\":[1.0,0.5,0.25]},"
                  + "\"val\":{\"name\":\"val\",\"x\":[0,20],\"y\":[1.2,0.4]}},"
                  + "\"lr\":{\"lr\":{\"name\":\"lr\",\"x\":[0],\"y\":[0.1]}}}");

      List<PlotlyFigure> figures = ClearMlMapping.scalars(data);

      assertThat(figures)
          .containsExactly(
              new PlotlyFigure(
                  "loss",
                  "Iteration",
                  "Value",
                  List.of(
                      new PlotlySeries("train", List.of(0.0, 10.0, 20.0), List.of(1.0, 0.5, 0.25)),
                      new PlotlySeries("val", List.of(0.0, 20.0), List.of(1.2, 0.4)))),
              new PlotlyFigure(
                  "lr",
                  "Iteration",
                  "Value",
                  List.of(new PlotlySeries("lr", List.of(0.0), List.of(0.1)))));
    }

    @Test
    void shouldKeepNonNumericValuesAsGapsAndSkipMalformedSeries() throws Exception {
      JsonNode data =
          json.readTree(
              "{\"loss\":{\"train\":{\"x\":[0,1],\"y\":[NaN,0.5]},"
                  + "\"bad\":{\"x\":[0,1],\"y\":[1]},\"empty\":{\"x\":[],\"y\":[]}},"
                  + "\"note\":\"not a metric\"}");

      List<PlotlyFigure> figures = ClearMlMapping.scalars(data);

      assertThat(figures).singleElement().extracting(PlotlyFigure::series).asList().hasSize(1);
      assertThat(figures.get(0).series().get(0).y()).isEqualTo(Arrays.asList(null, 0.5));
      assertThat(figures.get(0).series().get(0).name()).isEqualTo("train");
    }

    @Test
    void shouldReadTheRecordedHistogram() throws Exception {
      JsonNode recorded =
          json.readTree(
              FakeHttpServer.resource("clearml/events.scalar_metrics_iter_histogram.json"));

      assertThat(ClearMlMapping.scalars(recorded.path("data")))
          .extracting(PlotlyFigure::title)
          .containsExactly("loss", "accuracy");
    }
  }

  @Nested
  class WhenTypingParameters {

    @Test
    void shouldFlattenSectionsAndHonourTheStrHint() throws Exception {
      JsonNode task =
          json.readTree(
              "{\"hyperparams\":{\"Args\":{"
                  + "\"batch\":{\"section\":\"Args\",\"name\":\"batch\",\"value\":\"32\",\"type\":\"int\"},"
                  + "\"id\":{\"section\":\"Args\",\"name\":\"id\",\"value\":\"32\",\"type\":\"str\"},"
                  + "\"amp\":{\"section\":\"Args\",\"name\":\"amp\",\"value\":\"False\"}},"
                  + "\"properties\":{\"version\":{\"section\":\"properties\",\"name\":\"version\",\"value\":\"1.0\"}}}}");

      assertThat(ClearMlMapping.parameters(task))
          .containsExactly(
              Map.entry("Args/batch", ParameterValue.of(new BigDecimal("32"))),
              Map.entry("Args/id", ParameterValue.of("32")),
              Map.entry("Args/amp", ParameterValue.of(false)),
              Map.entry("properties/version", ParameterValue.of(new BigDecimal("1.0"))));
    }

    @Test
    void shouldFallBackToLegacyFlatParameters() throws Exception {
      JsonNode task =
          json.readTree(
              "{\"execution\":{\"parameters\":{\"Args/lr\":\"0.1\",\"Args/opt\":\"sgd\"}}}");

      assertThat(ClearMlMapping.parameters(task))
          .containsExactly(
              Map.entry("Args/lr", ParameterValue.of(new BigDecimal("0.1"))),
              Map.entry("Args/opt", ParameterValue.of("sgd")));
    }
  }

  @Test
  void shouldReadLastMetricsByMetricAndVariant() throws Exception {
    JsonNode task =
        json.readTree(
            "{\"last_metrics\":{\"h1\":{\"h2\":{\"metric\":\"loss\",\"variant\":\"train\",\"value\":0.2},"
                + "\"h3\":{\"metric\":\"loss\",\"variant\":\"val\",\"value\":0.3}}}}");

    assertThat(ClearMlMapping.latestMetrics(task))
        .containsExactly(
            new MetricValue("loss", "train", 0.2), new MetricValue("loss", "val", 0.3));
  }

  @ParameterizedTest
  @CsvSource({
    "created, CREATED",
    "queued, QUEUED",
    "in_progress, RUNNING",
    "stopped, STOPPED",
    "completed, COMPLETED",
    "closed, COMPLETED",
    "failed, FAILED",
    "published, PUBLISHED",
    "publishing, PUBLISHED",
    "unknown, UNKNOWN",
    "'', UNKNOWN"
  })
  void shouldNormalizeStatuses(String status, ExperimentStatus expected) {
    assertThat(ClearMlMapping.status(status)).isEqualTo(expected);
  }

  @Test
  void shouldReadDatesWithOrWithoutAnOffset() throws Exception {
    assertThat(ClearMlMapping.instant(json.readTree("\"2024-05-01T10:00:00.123000+00:00\"")))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
    assertThat(ClearMlMapping.instant(json.readTree("\"2024-05-01T10:00:00\"")))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(ClearMlMapping.instant(json.readTree("\"yesterday\""))).isNull();
  }

  @Test
  void shouldEscapeSearchTextForAPythonRegex() {
    assertThat(ClearMlMapping.regexLiteral("a.b*(c) d_1")).isEqualTo("a\\.b\\*\\(c\\)\\ d_1");
    assertThat(Pattern.compile(ClearMlMapping.regexLiteral("x+[y]?")).matcher("x+[y]?").matches())
        .isTrue();
  }
}
