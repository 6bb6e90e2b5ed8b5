package org.aiappstore.app.experiment;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.ResultPage;

/**
 * The normalized experiment model as the API shows it. Scalars and plots are Plotly figures
 * embedded as JSON (not as strings), ready for the web app to draw and a card to hold, their text
 * plain; a plot whose JSON does not parse is left out rather than failing the whole experiment.
 */
final class ExperimentJson {

  private ExperimentJson() {}

  static JsonObject experiment(String connectorId, Experiment e) {
    JsonObjectBuilder json = summaryBuilder(connectorId, e.summary());
    JsonObjectBuilder parameters = Json.createObjectBuilder();
    e.parameters().forEach((name, value) -> parameters.add(name, parameter(value)));
    JsonArrayBuilder metrics = Json.createArrayBuilder();
    for (MetricValue metric : e.latestMetrics()) {
      JsonObjectBuilder m = Json.createObjectBuilder().add("metric", metric.metric());
      optional(m, "variant", metric.variant());
      metrics.add(
          Double.isFinite(metric.value()) ? m.add("value", metric.value()) : m.addNull("value"));
    }
    JsonArrayBuilder scalars = Json.createArrayBuilder();
    for (PlotlyFigure figure : e.scalars()) {
      parse(figure.toPlotlyJson()).ifPresent(scalars::add);
    }
    JsonArrayBuilder plots = Json.createArrayBuilder();
    for (Plot plot : e.plots()) {
      parse(plot.plotlyJson())
          .ifPresent(
              figure -> {
                JsonObjectBuilder p = Json.createObjectBuilder().add("figure", figure);
                optional(p, "title", plot.title());
                plots.add(p);
              });
    }
    return json.add("frameworks", strings(e.frameworks()))
        .add("parameters", parameters)
        .add("latestMetrics", metrics)
        .add("scalars", scalars)
        .add("plots", plots)
        .add("artifacts", artifacts(e.artifacts()))
        .build();
  }

  static JsonObject summary(String connectorId, ExperimentSummary s) {
    return summaryBuilder(connectorId, s).build();
  }

  private static JsonObjectBuilder summaryBuilder(String connectorId, ExperimentSummary s) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("connectorId", connectorId)
            .add("id", s.id())
            .add("name", s.name())
            .add("project", project(s.project()))
            .add("status", s.status().name().toLowerCase(java.util.Locale.ROOT))
            .add("tags", strings(s.tags()));
    optional(json, "owner", s.owner());
    optional(json, "created", s.created() == null ? null : s.created().toString());
    optional(json, "webUrl", s.webUrl() == null ? null : s.webUrl().toString());
    return json;
  }

  static JsonObject dataset(String connectorId, Dataset d) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("connectorId", connectorId)
            .add("id", d.id())
            .add("name", d.name())
            .add("project", project(d.project()))
            .add("tags", strings(d.tags()))
            .add("artifacts", artifacts(d.artifacts()));
    optional(json, "version", d.version());
    optional(json, "webUrl", d.webUrl() == null ? null : d.webUrl().toString());
    if (d.files() != null) {
      json.add(
          "files",
          Json.createObjectBuilder()
              .add("count", d.files().count())
              .add("totalSize", d.files().totalSize())
              .add("firstEntries", strings(d.files().firstEntries())));
    }
    return json.build();
  }

  static <T> JsonObject page(ResultPage<T> page, java.util.function.Function<T, JsonObject> item) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.items().forEach(i -> items.add(item.apply(i)));
    JsonObjectBuilder json = Json.createObjectBuilder().add("items", items);
    optional(json, "nextCursor", page.next());
    return json.build();
  }

  private static JsonValue parameter(ParameterValue value) {
    Object raw = value.raw();
    if (raw instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (raw instanceof BigDecimal number) {
      return Json.createValue(number);
    }
    return Json.createValue(String.valueOf(raw));
  }

  private static JsonObject project(ProjectRef project) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    optional(json, "id", project == null ? null : project.id());
    optional(json, "name", project == null ? null : project.name());
    return json.build();
  }

  private static JsonArrayBuilder artifacts(List<Artifact> artifacts) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Artifact a : artifacts) {
      JsonObjectBuilder json = Json.createObjectBuilder();
      optional(json, "type", a.type());
      optional(json, "name", a.name());
      optional(json, "url", a.url());
      optional(json, "framework", a.framework());
      if (a.size() != null) {
        json.add("size", a.size());
      }
      array.add(json);
    }
    return array;
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static void optional(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  /** A figure, its text made plain ({@link PlotlyPlainText}); empty when it does not parse. */
  private static java.util.Optional<JsonValue> parse(String json) {
    JsonValue figure;
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      figure = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      return java.util.Optional.empty();
    }
    // Most figures (the scalars' long series above all) hold no bracket, even escaped: no copy.
    boolean mayHoldMarkup =
        json.indexOf('<') >= 0
            || json.indexOf('>') >= 0
            || json.contains("\\u003"); // JSON escapes are a lowercase u
    return java.util.Optional.of(mayHoldMarkup ? PlotlyPlainText.of(figure) : figure);
  }
}
