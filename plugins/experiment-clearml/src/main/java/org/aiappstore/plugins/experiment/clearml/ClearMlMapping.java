package org.aiappstore.plugins.experiment.clearml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.FileSummary;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.PlotlySeries;

/** Maps ClearML's JSON (tasks, events, models) to the platform's experiment model. */
final class ClearMlMapping {

  /** The system tag of dataset tasks. */
  static final String DATASET_TAG = "dataset";

  /** The task type of datasets. */
  static final String DATASET_TYPE = "data_processing";

  /** How many file names a dataset's file summary lists at most. */
  static final int FIRST_ENTRIES = 20;

  private ClearMlMapping() {}

  /**
   * Normalizes a task status.
   *
   * @param status ClearML's status, e.g. {@code in_progress}
   * @return the platform status, {@link ExperimentStatus#UNKNOWN} for anything else
   */
  static ExperimentStatus status(String status) {
    return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
      case "created" -> ExperimentStatus.CREATED;
      case "queued" -> ExperimentStatus.QUEUED;
      case "in_progress" -> ExperimentStatus.RUNNING;
      case "stopped" -> ExperimentStatus.STOPPED;
      case "completed", "closed" -> ExperimentStatus.COMPLETED;
      case "failed" -> ExperimentStatus.FAILED;
      case "published", "publishing" -> ExperimentStatus.PUBLISHED;
      default -> ExperimentStatus.UNKNOWN;
    };
  }

  /**
   * Reads a ClearML date-time, e.g. {@code 2024-05-01T10:00:00.123000+00:00}; one without an offset
   * is UTC.
   *
   * @param node a text node, or a missing node
   * @return the instant, or {@code null} if absent or unreadable
   */
  static Instant instant(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    String text = node.asText();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  /**
   * The strings of a JSON array.
   *
   * @param array an array node, or a missing node
   * @return the texts, empty if not an array
   */
  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /**
   * Flattens a task's hyperparameters to {@code section/name}, in ClearML's order. Tasks without
   * {@code hyperparams} fall back to the legacy flat {@code execution.parameters}.
   *
   * @param task a task object
   * @return typed values by flat name
   */
  static Map<String, ParameterValue> parameters(JsonNode task) {
    Map<String, ParameterValue> parameters = new LinkedHashMap<>();
    JsonNode hyperparams = task.path("hyperparams");
    if (hyperparams.isObject() && !hyperparams.isEmpty()) {
      hyperparams
          .properties()
          .forEach(
              section ->
                  section
                      .getValue()
                      .properties()
                      .forEach(
                          item -> {
                            JsonNode param = item.getValue();
                            String name = param.path("name").asText(item.getKey());
                            String sectionName = param.path("section").asText(section.getKey());
                            parameters.put(
                                sectionName + "/" + name,
                                typed(
                                    param.path("value").asText(""), param.path("type").asText("")));
                          }));
      return parameters;
    }
    task.path("execution")
        .path("parameters")
        .properties()
        .forEach(e -> parameters.put(e.getKey(), ParameterValue.infer(e.getValue().asText(""))));
    return parameters;
  }

  /**
   * Types a stored value, honouring ClearML's optional type hint: {@code str} keeps text as text
   * ({@code "3"} stays a string), other hints or none infer the type from the text.
   *
   * @param value the stored text
   * @param type ClearML's type hint, e.g. {@code int}, {@code float}, {@code bool}, {@code str}
   * @return the typed value
   */
  static ParameterValue typed(String value, String type) {
    String hint = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    if (hint.equals("str") || hint.equals("string")) {
      return ParameterValue.of(value);
    }
    return ParameterValue.infer(value);
  }

  /**
   * The last value of each scalar series, from {@code last_metrics} (metric hash to variant hash to
   * event).
   *
   * @param task a task object
   * @return the values, in ClearML's order
   */
  static List<MetricValue> latestMetrics(JsonNode task) {
    List<MetricValue> values = new ArrayList<>();
    task.path("last_metrics")
        .elements()
        .forEachRemaining(
            metric ->
                metric
                    .elements()
                    .forEachRemaining(
                        event -> {
                          if (event.hasNonNull("metric") && event.path("value").isNumber()) {
                            values.add(
                                new MetricValue(
                                    event.path("metric").asText(),
                                    event.path("variant").asText(null),
                                    event.path("value").asDouble()));
                          }
                        }));
    return values;
  }

  /**
   * Turns the answer of {@code events.scalar_metrics_iter_histogram} ({@code {metric: {variant:
   * {"name", "x": [...], "y": [...]}}}}) into one figure per metric with one series per variant, x
   * being the iteration.
   *
   * @param data the answer's data
   * @return the figures, in ClearML's order
   */
  static List<PlotlyFigure> scalars(JsonNode data) {
    List<PlotlyFigure> figures = new ArrayList<>();
    data.properties()
        .forEach(
            metric -> {
              if (!metric.getValue().isObject()) {
                return;
              }
              List<PlotlySeries> series = new ArrayList<>();
              metric
                  .getValue()
                  .properties()
                  .forEach(
                      variant -> {
                        JsonNode values = variant.getValue();
                        List<Double> x = numbers(values.path("x"));
                        List<Double> y = numbers(values.path("y"));
                        if (!x.isEmpty() && x.size() == y.size() && !x.contains(null)) {
                          series.add(
                              new PlotlySeries(values.path("name").asText(variant.getKey()), x, y));
                        }
                      });
              if (!series.isEmpty()) {
                figures.add(new PlotlyFigure(metric.getKey(), "Iteration", "Value", series));
              }
            });
    return figures;
  }

  /**
   * Turns the answer of {@code events.get_task_plots} into plots: the latest of each metric and
   * variant, its {@code plot_str} passed through when it is a JSON object.
   *
   * @param data the answer's data
   * @param json to check that each plot is a JSON object
   * @return the plots, titled {@code metric / variant}
   */
  static List<Plot> plots(JsonNode data, ObjectMapper json) {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    for (JsonNode event : data.path("plots")) {
      String title = event.path("metric").asText("") + " / " + event.path("variant").asText("");
      JsonNode previous = latest.get(title);
      if (previous == null || event.path("iter").asLong() >= previous.path("iter").asLong()) {
        latest.put(title, event);
      }
    }
    List<Plot> plots = new ArrayList<>();
    latest.forEach(
        (title, event) -> {
          String plot = event.path("plot_str").asText("");
          if (isJsonObject(plot, json)) {
            plots.add(new Plot(title, plot));
          }
        });
    return plots;
  }

  /**
   * The output models of {@code models.get_all} as artifacts of type {@code model}.
   *
   * @param data the answer's data
   * @return the artifacts
   */
  static List<Artifact> models(JsonNode data) {
    List<Artifact> artifacts = new ArrayList<>();
    for (JsonNode model : data.path("models")) {
      artifacts.add(
          new Artifact(
              "model",
              model.path("name").asText(model.path("id").asText()),
              textOrNull(model.path("uri")),
              textOrNull(model.path("framework")),
              null));
    }
    return artifacts;
  }

  /**
   * The artifacts stored in {@code execution.artifacts}, by key, with their type, URI and size.
   *
   * @param task a task object
   * @return the artifacts
   */
  static List<Artifact> taskArtifacts(JsonNode task) {
    List<Artifact> artifacts = new ArrayList<>();
    for (JsonNode artifact : task.path("execution").path("artifacts")) {
      JsonNode size = artifact.path("content_size");
      artifacts.add(
          new Artifact(
              artifact.path("type").asText("file"),
              artifact.path("key").asText(),
              textOrNull(artifact.path("uri")),
              null,
              size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : null));
    }
    return artifacts;
  }

  /**
   * The frameworks of a task: its {@code execution.framework} and its models' frameworks.
   *
   * @param task a task object
   * @param models its model artifacts
   * @return distinct frameworks, in order of appearance
   */
  static List<String> frameworks(JsonNode task, List<Artifact> models) {
    Set<String> frameworks = new LinkedHashSet<>();
    String own = textOrNull(task.path("execution").path("framework"));
    if (own != null) {
      frameworks.add(own);
    }
    models.stream().map(Artifact::framework).filter(f -> f != null).forEach(frameworks::add);
    return List.copyOf(frameworks);
  }

  /**
   * Whether a task is a dataset version: type {@code data_processing} with the {@code dataset}
   * system tag.
   *
   * @param task a task object
   * @return {@code true} for datasets
   */
  static boolean isDataset(JsonNode task) {
    return DATASET_TYPE.equals(task.path("type").asText())
        && strings(task.path("system_tags")).contains(DATASET_TAG);
  }

  /**
   * A dataset's version: {@code runtime.version}, else the {@code properties/version} user
   * property, as the ClearML SDK stores it.
   *
   * @param task a dataset task
   * @return the version, or {@code null}
   */
  static String version(JsonNode task) {
    String runtime = textOrNull(task.path("runtime").path("version"));
    if (runtime != null) {
      return runtime;
    }
    return textOrNull(task.path("hyperparams").path("properties").path("version").path("value"));
  }

  /**
   * A dataset's file summary from the SDK's runtime properties ({@code ds_file_count}, {@code
   * ds_total_size}) and the first entries of its data archives' previews ({@code path - size} lines
   * after a heading).
   *
   * @param task a dataset task
   * @return the summary, or {@code null} if the task has no file count
   */
  static FileSummary files(JsonNode task) {
    Long count = longOrNull(task.path("runtime").path("ds_file_count"));
    if (count == null) {
      return null;
    }
    Long size = longOrNull(task.path("runtime").path("ds_total_size"));
    List<String> first = new ArrayList<>();
    for (JsonNode artifact : task.path("execution").path("artifacts")) {
      String key = artifact.path("key").asText("");
      if (!key.equals("data") && !key.startsWith("data_")) {
        continue;
      }
      String[] lines = artifact.path("type_data").path("preview").asText("").split("\n");
      for (int i = 1; i < lines.length && first.size() < FIRST_ENTRIES; i++) {
        String line = lines[i].strip();
        int dash = line.lastIndexOf(" - ");
        String path = dash > 0 ? line.substring(0, dash).strip() : line;
        if (!path.isEmpty()) {
          first.add(path);
        }
      }
    }
    return new FileSummary(count, size == null ? 0 : size, first);
  }

  /**
   * Escapes text for a Python regular expression matching it literally (like {@code re.escape}).
   *
   * @param text the literal text
   * @return the pattern
   */
  static String regexLiteral(String text) {
    StringBuilder pattern = new StringBuilder(text.length() * 2);
    text.codePoints()
        .forEach(
            c -> {
              if (!Character.isLetterOrDigit(c) && c != '_' && c < 128) {
                pattern.append('\\');
              }
              pattern.appendCodePoint(c);
            });
    return pattern.toString();
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(value.isNumber() ? value.asDouble() : null);
    }
    return values;
  }

  private static boolean isJsonObject(String text, ObjectMapper json) {
    if (text.isBlank()) {
      return false;
    }
    try {
      return json.readTree(text).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static String textOrNull(JsonNode node) {
    return node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()
        ? null
        : node.asText();
  }

  private static Long longOrNull(JsonNode node) {
    if (node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
