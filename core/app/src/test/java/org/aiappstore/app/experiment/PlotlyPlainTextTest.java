package org.aiappstore.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlotlyPlainTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x=%{x}<br>y=%{y}<extra></extra>|x=%{x} y=%{y}",
        "epoch=%{x}<BR/>loss=%{y}<extra>%{fullData.name}</extra>|epoch=%{x} loss=%{y}",
        "<b>Validation</b> loss<br />per epoch|Validation loss per epoch",
        "m<sup>2</sup>|m2",
        "<a href=\"javascript:alert(1)\">click</a>|click",
        "<img src=x onerror=alert(1)>|''",
        "p < 0.05|p &lt; 0.05",
        "a -> b|a -&gt; b",
        "<script|&lt;script",
        "no markup at all|no markup at all"
      })
  void shouldLeaveNoAngleBracketInAString(String text, String plain) {
    assertThat(PlotlyPlainText.text(text)).isEqualTo(plain).doesNotContain("<", ">");
  }

  @Test
  void shouldMakeEveryStringOfAPlotlyExpressFigurePlainAndKeepTheRest() {
    JsonValue figure =
        read(
            "{\"data\":[{\"type\":\"scatter\",\"name\":\"<i>train</i>\",\"x\":[1,2],\"y\":[0.5,0.25],"
                + "\"hovertemplate\":\"epoch=%{x}<br>loss=%{y}<extra></extra>\","
                + "\"customdata\":[[\"a<b\"],[true]]}],"
                + "\"layout\":{\"title\":{\"text\":\"<b>Loss</b>\"},\"showlegend\":true}}");

    JsonValue plain = PlotlyPlainText.of(figure);

    assertThat(plain)
        .isEqualTo(
            read(
                "{\"data\":[{\"type\":\"scatter\",\"name\":\"train\",\"x\":[1,2],\"y\":[0.5,0.25],"
                    + "\"hovertemplate\":\"epoch=%{x} loss=%{y}\","
                    + "\"customdata\":[[\"a&lt;b\"],[true]]}],"
                    + "\"layout\":{\"title\":{\"text\":\"Loss\"},\"showlegend\":true}}"));
  }

  @Test
  void shouldServeATrackersPlotInPlainText() {
    Experiment run =
        new Experiment(
            "run-1",
            "baseline",
            new ProjectRef("p1", "vision"),
            null,
            ExperimentStatus.COMPLETED,
            null,
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(
                new Plot(
                    "Confusion",
                    "{\"data\":[{\"type\":\"heatmap\",\"z\":[[1]],"
                        + "\"hovertemplate\":\"x=%{x}\\u003cbr\\u003ey=%{y}\"}]}")),
            List.of(),
            null);

    JsonObject served = ExperimentJson.experiment("clearml", run);

    assertThat(served.getJsonArray("plots").getJsonObject(0).getJsonObject("figure"))
        .isEqualTo(
            read(
                "{\"data\":[{\"type\":\"heatmap\",\"z\":[[1]],"
                    + "\"hovertemplate\":\"x=%{x} y=%{y}\"}]}"));
  }

  private static JsonValue read(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }
}
