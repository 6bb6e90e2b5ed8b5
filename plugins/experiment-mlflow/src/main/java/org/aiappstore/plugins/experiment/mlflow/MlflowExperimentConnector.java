package org.aiappstore.plugins.experiment.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;

/**
 * An MLflow tracking server seen as an experiment tracker: an MLflow run is an experiment, an
 * MLflow experiment is its project. Experiment names are cached per connector. Safe for concurrent
 * use.
 */
final class MlflowExperimentConnector implements ExperimentConnector {

  /** MLflow's largest page of a metric history. */
  static final int HISTORY_PAGE_SIZE = 25_000;

  /**
   * Points of a metric history held and drawn at most: a longer history is thinned evenly as it is
   * read (see {@link MetricHistory}).
   */
  static final int MAX_HISTORY_POINTS = 100_000;

  /** Pages of a metric history read at most (2,500,000 points). */
  static final int MAX_HISTORY_PAGES = 100;

  /** Pages of an artifact listing read at most. */
  static final int MAX_ARTIFACT_PAGES = 10;

  /** Experiments a search over everything covers at most. */
  static final int MAX_EXPERIMENTS = 1000;

  private static final int NAME_CACHE_LIMIT = 1000;

  private static final Logger LOG = Logger.getLogger(MlflowExperimentConnector.class.getName());

  private static final MlflowErrors.Expect RUN =
      new MlflowErrors.Expect(
          PlatformErrors.EXPERIMENT_NOT_FOUND, PlatformErrors.EXPERIMENT_NOT_FOUND);
  private static final MlflowErrors.Expect SEARCH =
      new MlflowErrors.Expect(null, PlatformErrors.INVALID_ARGUMENT);

  private final MlflowSettings settings;
  private final Set<ExperimentCapability> capabilities;
  private final MlflowClient client;
  private final ObjectMapper json;
  private final Map<String, String> experimentNames = new ConcurrentHashMap<>();

  MlflowExperimentConnector(
      MlflowSettings settings,
      Set<ExperimentCapability> capabilities,
      MlflowClient client,
      ObjectMapper json) {
    this.settings = settings;
    this.capabilities = capabilities;
    this.client = client;
    this.json = json;
  }

  @Override
  public ConnectionCheck checkConnection() {
    return ConnectionCheck.timed(
        () -> {
          client.post(
              "experiments/search",
              client.body().put("max_results", 1),
              MlflowErrors.Expect.NOTHING);
          return "MLflow answers at "
              + settings.trackingUrl()
              + " ("
              + settings.authDescription()
              + ")";
        });
  }

  @Override
  public Experiment experiment(String id) {
    String runId = requireId(id);
    JsonNode run = client.get("runs/get", Map.of("run_id", runId), RUN).path("run");
    if (!run.isObject()) {
      throw new PlatformException(
          PlatformErrors.EXPERIMENT_NOT_FOUND,
          "MLflow at " + settings.trackingUrl() + " has no run '" + runId + "'");
    }
    ExperimentSummary summary = summary(run);
    Map<String, String> tags = MlflowMapping.tags(run);
    Map<String, String> loggedModels = MlflowMapping.loggedModels(tags, json);
    Experiment.Builder experiment =
        Experiment.builder(summary.id(), summary.name(), summary.project())
            .owner(summary.owner())
            .status(summary.status())
            .created(summary.created())
            .tags(summary.tags())
            .webUrl(summary.webUrl())
            .frameworks(MlflowMapping.frameworks(loggedModels))
            .parameters(MlflowMapping.parameters(run))
            .latestMetrics(MlflowMapping.latestMetrics(run));
    if (capabilities.contains(ExperimentCapability.SCALARS)) {
      experiment.scalars(scalars(summary.id(), run));
    }
    if (capabilities.contains(ExperimentCapability.ARTIFACTS)) {
      experiment.artifacts(artifacts(summary.id(), run, loggedModels));
    }
    return experiment.build();
  }

  @Override
  public ResultPage<ExperimentSummary> searchExperiments(SearchCriteria criteria) {
    if (!capabilities.contains(ExperimentCapability.SEARCH)) {
      throw PlatformException.notSupported("This MLflow connector does not search runs");
    }
    List<String> experimentIds = experimentIds(criteria.project());
    if (experimentIds.isEmpty()) {
      return ResultPage.last(List.of());
    }
    ObjectNode body =
        client.body().put("max_results", criteria.pageSize()).put("run_view_type", "ACTIVE_ONLY");
    ArrayNode ids = body.putArray("experiment_ids");
    experimentIds.forEach(ids::add);
    body.putArray("order_by").add("attributes.start_time DESC");
    Filter filter = filter(criteria);
    if (!filter.expression().isEmpty()) {
      body.put("filter", filter.expression());
    }
    if (criteria.cursor() != null) {
      body.put("page_token", criteria.cursor());
    }
    JsonNode answer = client.post("runs/search", body, SEARCH);
    List<ExperimentSummary> summaries = new ArrayList<>();
    for (JsonNode run : answer.path("runs")) {
      if (filter.matchesExactly(MlflowMapping.tags(run))) {
        summaries.add(summary(run));
      }
    }
    return new ResultPage<>(summaries, answer.path("next_page_token").asText(null));
  }

  @Override
  public String toString() {
    return "MlflowExperimentConnector{" + settings + "}";
  }

  /**
   * The search filter: a case-insensitive substring of the run name and the tags, {@code key}
   * meaning "has the tag", {@code key=value} "has the tag with this value".
   *
   * <p>MLflow's filter grammar (its {@code search_utils}, tokenized by sqlparse) takes a string in
   * single or double quotes and only strips the quotes: there is no escape, so a value is quoted
   * with the kind of quote it does not contain. A value containing both kinds (or ending in a
   * backslash, which the tokenizer reads as escaping the closing quote) cannot be written exactly:
   * it is matched with {@code LIKE}, each such character (and any character a LIKE pattern or
   * MLflow's file store, which turns LIKE into a regular expression, would read specially) as the
   * one-character wildcard {@code _}, and the runs found are then filtered on the exact value here.
   */
  static Filter filter(SearchCriteria criteria) {
    List<String> clauses = new ArrayList<>();
    Map<String, String> exactTags = new LinkedHashMap<>();
    if (criteria.text() != null) {
      clauses.add(
          "attributes.run_name ILIKE " + likeLiteral("%" + likeText(criteria.text()) + "%"));
    }
    for (String tag : criteria.tags()) {
      int eq = tag.indexOf('=');
      String key = (eq < 0 ? tag : tag.substring(0, eq)).replace("`", "");
      String clause = "tags.`" + key + "`";
      if (eq < 0) {
        clauses.add(clause + " LIKE '%'");
        continue;
      }
      String value = tag.substring(eq + 1);
      String exact = exactLiteral(value);
      if (exact != null) {
        clauses.add(clause + " = " + exact);
      } else {
        clauses.add(clause + " LIKE " + likeLiteral(likeText(value)));
        exactTags.put(key, value);
      }
    }
    return new Filter(String.join(" AND ", clauses), exactTags);
  }

  /**
   * A search filter and the tag values it could only match approximately.
   *
   * @param expression the filter for MLflow, empty for none
   * @param exactTags tag values the runs found must have exactly, by key
   */
  record Filter(String expression, Map<String, String> exactTags) {

    /** Whether a run's tags have every value that MLflow could not match exactly. */
    boolean matchesExactly(Map<String, String> tags) {
      return exactTags.entrySet().stream()
          .allMatch(tag -> tag.getValue().equals(tags.get(tag.getKey())));
    }
  }

  /** A string literal MLflow reads back as exactly {@code value}, or {@code null} if none. */
  private static String exactLiteral(String value) {
    if (value.endsWith("\\")) {
      return null;
    }
    if (value.indexOf('\'') < 0) {
      return "'" + value + "'";
    }
    if (value.indexOf('"') < 0) {
      return "\"" + value + "\"";
    }
    return null;
  }

  /** A LIKE pattern in the kind of quotes it does not contain, else with quotes as wildcards. */
  private static String likeLiteral(String pattern) {
    String exact = exactLiteral(pattern);
    return exact != null ? exact : "'" + pattern.replace('\'', '_').replace('"', '_') + "'";
  }

  /**
   * Text for a LIKE pattern: backslashes (an escape in several databases' LIKE) and the characters
   * special in a regular expression (MLflow's file store turns LIKE into one without escaping)
   * become the one-character wildcard.
   */
  private static String likeText(String text) {
    StringBuilder pattern = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      pattern.append("\\.^$*+?{}[]|()".indexOf(c) >= 0 ? '_' : c);
    }
    return pattern.toString();
  }

  private List<String> experimentIds(String requested) {
    if (requested != null) {
      return settings.experimentIds().isEmpty() || settings.experimentIds().contains(requested)
          ? List.of(requested)
          : List.of();
    }
    if (!settings.experimentIds().isEmpty()) {
      return settings.experimentIds();
    }
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      ObjectNode body =
          client.body().put("max_results", MAX_EXPERIMENTS).put("view_type", "ACTIVE_ONLY");
      if (token != null) {
        body.put("page_token", token);
      }
      JsonNode answer = client.post("experiments/search", body, MlflowErrors.Expect.NOTHING);
      for (JsonNode experiment : answer.path("experiments")) {
        String id = experiment.path("experiment_id").asText();
        ids.add(id);
        remember(id, experiment.path("name").asText(null));
      }
      token = answer.path("next_page_token").asText(null);
    } while (token != null && !token.isEmpty() && ids.size() < MAX_EXPERIMENTS);
    return ids.size() > MAX_EXPERIMENTS ? ids.subList(0, MAX_EXPERIMENTS) : ids;
  }

  private List<PlotlyFigure> scalars(String runId, JsonNode run) {
    List<PlotlyFigure> figures = new ArrayList<>();
    Set<String> keys =
        MlflowMapping.latestMetrics(run).stream()
            .map(m -> m.metric())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    for (String key : keys) {
      PlotlyFigure figure;
      try {
        figure = MlflowMapping.figure(key, history(runId, key));
      } catch (PlatformException e) {
        if (!MlflowErrors.concernsOnlyTheCall(e)) {
          throw e;
        }
        LOG.log(
            Level.WARNING,
            "Left out the figure of metric ''{0}'' of MLflow run {1}: {2}",
            new Object[] {key, runId, e.getMessage()});
        continue;
      }
      if (figure != null) {
        figures.add(figure);
      }
    }
    return figures;
  }

  /**
   * Reads a metric history page by page, oldest first as MLflow sends it, thinned evenly to at most
   * {@link #MAX_HISTORY_POINTS} points. All pages together get one request timeout, so that a long
   * history takes no longer than one call: when the time or {@link #MAX_HISTORY_PAGES} runs out
   * after the first page, the history is cut short and the figure says so.
   */
  private MetricHistory history(String runId, String key) {
    MetricHistory history = new MetricHistory(MAX_HISTORY_POINTS);
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    String token = null;
    int pages = 0;
    do {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (pages > 0 && left.compareTo(Duration.ZERO) <= 0) {
        history.cutShort("reading more took longer than the request timeout");
        return history;
      }
      Map<String, String> query = new LinkedHashMap<>();
      query.put("run_id", runId);
      query.put("metric_key", key);
      query.put("max_results", Integer.toString(HISTORY_PAGE_SIZE));
      query.put("page_token", token);
      try {
        token =
            client.get(
                "metrics/get-history",
                query,
                RUN,
                left,
                page -> MlflowMapping.readHistoryPage(page, history));
      } catch (PlatformException e) {
        boolean late =
            e.errorCode().equals(PlatformErrors.TIMEOUT) && !MlflowErrors.concernsOnlyTheCall(e);
        if (pages > 0 && late) {
          history.cutShort("reading more took longer than the request timeout");
          return history;
        }
        throw e;
      }
      pages++;
    } while (token != null && pages < MAX_HISTORY_PAGES);
    if (token != null) {
      history.cutShort("MLflow had more than " + MAX_HISTORY_PAGES + " pages");
    }
    return history;
  }

  private List<Artifact> artifacts(String runId, JsonNode run, Map<String, String> loggedModels) {
    List<Artifact> artifacts = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, String> query = new HashMap<>();
      query.put("run_id", runId);
      query.put("page_token", token);
      JsonNode page = client.get("artifacts/list", query, RUN);
      String root = page.path("root_uri").asText(null);
      for (JsonNode file : page.path("files")) {
        artifacts.add(MlflowMapping.artifact(file, root, loggedModels));
      }
      token = page.path("next_page_token").asText(null);
      pages++;
    } while (token != null && !token.isEmpty() && pages < MAX_ARTIFACT_PAGES);
    artifacts.addAll(MlflowMapping.datasetInputs(run, json));
    return artifacts;
  }

  private ExperimentSummary summary(JsonNode run) {
    JsonNode info = run.path("info");
    String id = info.path("run_id").asText(info.path("run_uuid").asText());
    Map<String, String> tags = MlflowMapping.tags(run);
    String name = info.path("run_name").asText("");
    if (name.isEmpty()) {
      name = tags.getOrDefault("mlflow.runName", id);
    }
    String owner = info.path("user_id").asText("");
    if (owner.isEmpty()) {
      owner = tags.get("mlflow.user");
    }
    String experimentId = info.path("experiment_id").asText();
    return new ExperimentSummary(
        id,
        name,
        new ProjectRef(experimentId, experimentName(experimentId)),
        owner == null || owner.isEmpty() ? null : owner,
        MlflowMapping.status(info.path("status").asText()),
        MlflowMapping.started(run),
        MlflowMapping.userTags(tags),
        URI.create(settings.webUrl() + "/#/experiments/" + experimentId + "/runs/" + id));
  }

  private String experimentName(String experimentId) {
    String name = experimentNames.get(experimentId);
    if (name != null) {
      return name;
    }
    try {
      name =
          client
              .get(
                  "experiments/get",
                  Map.of("experiment_id", experimentId),
                  new MlflowErrors.Expect(PlatformErrors.NOT_FOUND, PlatformErrors.NOT_FOUND))
              .path("experiment")
              .path("name")
              .asText(null);
    } catch (PlatformException e) {
      if (e.errorCode().equals(PlatformErrors.NOT_FOUND)) {
        return experimentId;
      }
      throw e;
    }
    remember(experimentId, name);
    return name;
  }

  private void remember(String experimentId, String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    if (experimentNames.size() >= NAME_CACHE_LIMIT) {
      experimentNames.clear();
    }
    experimentNames.put(experimentId, name);
  }

  private static String requireId(String id) {
    if (id == null || id.isBlank()) {
      throw PlatformException.invalidArgument("An MLflow run id is required");
    }
    return id.strip();
  }
}
