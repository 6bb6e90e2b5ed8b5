package org.aiappstore.plugin.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlotlyFigureTest {

  @Nested
  class WhenBuildingASeries {

    @Test
    void shouldRejectXAndYOfDifferentLengths() {
      assertThatThrownBy(() -> new PlotlySeries("train", List.of(1.0, 2.0), List.of(0.5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("train");
    }

    @Test
    void shouldStoreNonFiniteValuesAsGaps() {
      PlotlySeries series =
          new PlotlySeries(
              "loss",
              List.of(0.0, 1.0, 2.0, 3.0),
              Arrays.asList(1.0, Double.NaN, null, Double.POSITIVE_INFINITY));

      assertThat(series.y()).containsExactly(1.0, null, null, null);
    }

    @Test
    void shouldRejectANonFiniteX() {
      assertThatThrownBy(() -> new PlotlySeries("loss", List.of(Double.NaN), List.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class WhenWritingPlotlyJson {

    @Test
    void shouldWriteOneScatterTracePerSeriesAndTheAxisTitles() {
      PlotlyFigure figure =
          new PlotlyFigure(
              "loss",
              "Iteration",
              "Value",
              List.of(
                  new PlotlySeries("train", List.of(0.0, 1.0), List.of(0.9, 0.25)),
                  new PlotlySeries("validation", List.of(0.0, 1.0), Arrays.asList(1.5, null))));

      assertThat(figure.toPlotlyJson())
          .isEqualTo(
              "{\"data\":["
                  + "{\"type\":\"scatter\",\"mode\":\"lines\",\"name\":\"train\","
                  + "\"x\":[0,1],\"y\":[0.9,0.25]},"
                  + "{\"type\":\"scatter\",\"mode\":\"lines\",\"name\":\"validation\","
                  + "\"x\":[0,1],\"y\":[1.5,null]}],"
                  + "\"layout\":{\"title\":{\"text\":\"loss\"},"
                  + "\"xaxis\":{\"title\":{\"text\":\"Iteration\"}},"
                  + "\"yaxis\":{\"title\":{\"text\":\"Value\"}}}}");
    }

    @Test
    void shouldEscapeTitlesAndNames() {
      PlotlyFigure figure =
          new PlotlyFigure(
              "a \"quoted\"\\ title\n",
              null,
              null,
              List.of(new PlotlySeries("tab\there\u0001", List.of(), List.of())));

      assertThat(figure.toPlotlyJson())
          .contains("\"name\":\"tab\\there\\u0001\"")
          .contains("\"text\":\"a \\\"quoted\\\"\\\\ title\\n\"")
          .contains("\"xaxis\":{\"title\":{\"text\":\"\"}}");
    }

    @Test
    void shouldWriteLargeAndFractionalNumbersAsDoubles() {
      PlotlyFigure figure =
          new PlotlyFigure(
              "m", "", "", List.of(new PlotlySeries("s", List.of(1e20, 2.0), List.of(-0.5, 3e-7))));

      assertThat(figure.toPlotlyJson())
          .contains("\"x\":[1.0E20,2]")
          .contains("\"y\":[-0.5,3.0E-7]");
    }
  }
}
