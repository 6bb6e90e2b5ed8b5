package org.aiappstore.plugins.experiment.mlflow;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.PlotlySeries;

/** Maps MLflow's JSON (runs, metric histories, artifact listings) to the platform's model. */
final class MlflowMapping {

  /** The prefix of MLflow's system tags, hidden from the user tags. */
  static final String SYSTEM_TAG_PREFIX = "mlflow.";

  /** The tag listing the models logged by a run, with their flavors. */
  static final String LOGGED_MODELS_TAG = "mlflow.log-model.history";

  /** The generic flavor every logged model has; not a framework. */
  private static final String PYFUNC = "python_function";

  private MlflowMapping() {}

  /**
   * Normalizes a run status.
   *
   * @param status MLflow's {@code RunStatus}, e.g. {@code FINISHED}
   * @return the platform status, {@link ExperimentStatus#UNKNOWN} for anything else
   */
  static ExperimentStatus status(String status) {
    return switch (status == null ? "" : status.toUpperCase(Locale.ROOT)) {
      case "RUNNING" -> ExperimentStatus.RUNNING;
      case "SCHEDULED" -> ExperimentStatus.QUEUED;
      case "FINISHED" -> ExperimentStatus.COMPLETED;
      case "FAILED" -> ExperimentStatus.FAILED;
      case "KILLED" -> ExperimentStatus.STOPPED;
      default -> ExperimentStatus.UNKNOWN;
    };
  }

  /**
   * A run's tags by key, in MLflow's order.
   *
   * @param run a run object
   * @return all tags, system tags included
   */
  static Map<String, String> tags(JsonNode run) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : run.path("data").path("tags")) {
      tags.put(tag.path("key").asText(), tag.path("value").asText(""));
    }
    return tags;
  }

  /**
   * A run's user tags as strings: {@code key} for an empty value, {@code key=value} otherwise;
   * MLflow's {@code mlflow.*} tags are left out.
   *
   * @param tags all tags by key
   * @return the user tags
   */
  static List<String> userTags(Map<String, String> tags) {
    List<String> user = new ArrayList<>();
    tags.forEach(
        (key, value) -> {
          if (!key.startsWith(SYSTEM_TAG_PREFIX)) {
            user.add(value.isEmpty() ? key : key + "=" + value);
          }
        });
    return user;
  }

  /**
   * A run's parameters, types inferred from their text.
   *
   * @param run a run object
   * @return typed values by key, in MLflow's order
   */
  static Map<String, ParameterValue> parameters(JsonNode run) {
    Map<String, ParameterValue> parameters = new LinkedHashMap<>();
    for (JsonNode param : run.path("data").path("params")) {
      parameters.put(
          param.path("key").asText(), ParameterValue.infer(param.path("value").asText("")));
    }
    return parameters;
  }

  /**
   * A run's latest metric values; MLflow has no variants, so the variant is the metric key.
   *
   * @param run a run object
   * @return the values, in MLflow's order
   */
  static List<MetricValue> latestMetrics(JsonNode run) {
    List<MetricValue> values = new ArrayList<>();
    for (JsonNode metric : run.path("data").path("metrics")) {
      String key = metric.path("key").asText();
      values.add(new MetricValue(key, key, number(metric.path("value"))));
    }
    return values;
  }

  /**
   * Reads one page of {@code metrics/get-history} into a history, streaming, so that a long page is
   * never held as a JSON tree.
   *
   * @param page a parser at the start of the answer
   * @param history where the points go
   * @return the answer's {@code next_page_token}, or {@code null} if it has none
   * @throws IOException if the answer is not a JSON object
   */
  static String readHistoryPage(JsonParser page, MetricHistory history) throws IOException {
    if (page.nextToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(page, "A metric history page is a JSON object");
    }
    String token = null;
    while (page.nextToken() == JsonToken.FIELD_NAME) {
      String field = page.currentName();
      JsonToken value = page.nextToken();
      if (field.equals("metrics") && value == JsonToken.START_ARRAY) {
        while (page.nextToken() == JsonToken.START_OBJECT) {
          readPoint(page, history);
        }
      } else if (field.equals("next_page_token") && value == JsonToken.VALUE_STRING) {
        token = page.getText();
      } else {
        page.skipChildren();
      }
    }
    return token == null || token.isEmpty() ? null : token;
  }

  /**
   * Draws a metric history as one figure with one series, x the step, ordered by step then
   * timestamp. When the points were thinned or the history cut short, the x axis title says so (the
   * figure's title stays the metric key, by which the figure is found again).
   *
   * @param key the metric key
   * @param history the points read
   * @return the figure, or {@code null} if the history is empty
   */
  static PlotlyFigure figure(String key, MetricHistory history) {
    List<MetricHistory.Point> points = history.points();
    if (points.isEmpty()) {
      return null;
    }
    List<Double> x = new ArrayList<>(points.size());
    List<Double> y = new ArrayList<>(points.size());
    for (MetricHistory.Point point : points) {
      x.add((double) point.step());
      y.add(point.value());
    }
    String note = history.note();
    return new PlotlyFigure(
        key,
        note.isEmpty() ? "Step" : "Step (" + note + ")",
        "Value",
        List.of(new PlotlySeries(key, x, y)));
  }

  private static void readPoint(JsonParser page, MetricHistory history) throws IOException {
    long step = 0;
    long timestamp = 0;
    double value = Double.NaN;
    while (page.nextToken() == JsonToken.FIELD_NAME) {
      String field = page.currentName();
      JsonToken token = page.nextToken();
      switch (field) {
        case "step" -> step = page.getValueAsLong(0);
        case "timestamp" -> timestamp = page.getValueAsLong(0);
        case "value" -> value = number(page, token);
        default -> page.skipChildren();
      }
    }
    history.add(step, timestamp, value);
  }

  /** A metric value: a number, or a string such as {@code "NaN"} (protobuf's JSON for NaN). */
  private static double number(JsonParser page, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return page.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Double.parseDouble(page.getText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    page.skipChildren();
    return Double.NaN;
  }

  /**
   * The models a run logged ({@code mlflow.log-model.history}): artifact path to framework (the
   * first flavor other than {@code python_function}, or {@code null}).
   *
   * @param tags the run's tags
   * @param json to read the tag's JSON
   * @return frameworks by artifact path, in logging order
   */
  static Map<String, String> loggedModels(Map<String, String> tags, ObjectMapper json) {
    Map<String, String> models = new LinkedHashMap<>();
    String history = tags.get(LOGGED_MODELS_TAG);
    if (history == null || history.isBlank()) {
      return models;
    }
    JsonNode entries;
    try {
      entries = json.readTree(history);
    } catch (JsonProcessingException e) {
      return models;
    }
    for (JsonNode entry : entries) {
      String path = entry.path("artifact_path").asText("");
      if (path.isEmpty()) {
        continue;
      }
      String framework = null;
      for (var flavor : entry.path("flavors").properties()) {
        if (!flavor.getKey().equals(PYFUNC)) {
          framework = flavor.getKey();
          break;
        }
      }
      models.put(path, framework);
    }
    return models;
  }

  /**
   * The frameworks of a run's logged models.
   *
   * @param loggedModels frameworks by artifact path
   * @return distinct frameworks, in logging order
   */
  static List<String> frameworks(Map<String, String> loggedModels) {
    Set<String> frameworks = new LinkedHashSet<>();
    loggedModels.values().stream().filter(f -> f != null).forEach(frameworks::add);
    return List.copyOf(frameworks);
  }

  /**
   * One entry of {@code artifacts/list} as an artifact; a directory holding a logged model is of
   * type {@code model} with the model's framework.
   *
   * @param file a {@code FileInfo} ({@code path}, {@code is_dir}, {@code file_size})
   * @param rootUri the listing's {@code root_uri}, or {@code null}
   * @param loggedModels frameworks by artifact path
   * @return the artifact
   */
  static Artifact artifact(JsonNode file, String rootUri, Map<String, String> loggedModels) {
    String path = file.path("path").asText();
    boolean directory = file.path("is_dir").asBoolean(false);
    String url = rootUri == null ? null : rootUri + "/" + path;
    if (directory && loggedModels.containsKey(path)) {
      return new Artifact("model", path, url, loggedModels.get(path), null);
    }
    JsonNode size = file.path("file_size");
    return new Artifact(
        directory ? "directory" : "file",
        path,
        url,
        null,
        !directory && size.canConvertToLong() ? Long.valueOf(size.asLong()) : null);
  }

  /**
   * A run's dataset inputs ({@code inputs.dataset_inputs}) as artifacts of type {@code
   * dataset-input}, named {@code name@digest}, their URL taken from the source's {@code uri} when
   * the source is JSON holding one.
   *
   * @param run a run object
   * @param json to read the sources
   * @return the artifacts
   */
  static List<Artifact> datasetInputs(JsonNode run, ObjectMapper json) {
    List<Artifact> artifacts = new ArrayList<>();
    for (JsonNode input : run.path("inputs").path("dataset_inputs")) {
      JsonNode dataset = input.path("dataset");
      String name = dataset.path("name").asText("dataset");
      String digest = dataset.path("digest").asText("");
      artifacts.add(
          new Artifact(
              "dataset-input",
              digest.isEmpty() ? name : name + "@" + digest,
              sourceUri(dataset.path("source").asText(""), json),
              null,
              null));
    }
    return artifacts;
  }

  /**
   * When a run started, from {@code info.start_time} (epoch milliseconds).
   *
   * @param run a run object
   * @return the instant, or {@code null} if absent
   */
  static Instant started(JsonNode run) {
    JsonNode start = run.path("info").path("start_time");
    return start.canConvertToLong() || start.isTextual() && !start.asText().isBlank()
        ? Instant.ofEpochMilli(start.asLong())
        : null;
  }

  private static String sourceUri(String source, ObjectMapper json) {
    if (source.isBlank()) {
      return null;
    }
    try {
      JsonNode parsed = json.readTree(source);
      String uri = parsed.path("uri").asText(parsed.path("url").asText(""));
      return uri.isBlank() ? null : uri;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.asText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
