package org.aiappstore.plugins.experiment.clearml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;

/**
 * A ClearML server seen as an experiment tracker: tasks are experiments, {@code data_processing}
 * tasks with the {@code dataset} system tag are datasets. Project and user names are cached per
 * connector. Safe for concurrent use.
 */
final class ClearMlExperimentConnector implements ExperimentConnector {

  private static final int NAME_CACHE_LIMIT = 1000;

  private static final Logger LOG = Logger.getLogger(ClearMlExperimentConnector.class.getName());

  /** Fields a search lists; enough for {@link ExperimentSummary} and {@link Dataset}. */
  private static final List<String> SEARCH_FIELDS =
      List.of(
          "id",
          "name",
          "project",
          "user",
          "status",
          "created",
          "tags",
          "system_tags",
          "type",
          "runtime",
          "hyperparams.properties",
          "execution.artifacts");

  private final ClearMlSettings settings;
  private final Set<ExperimentCapability> capabilities;
  private final ClearMlClient client;
  private final ObjectMapper json;
  private final Map<String, String> projectNames = new ConcurrentHashMap<>();
  private final Map<String, String> userNames = new ConcurrentHashMap<>();

  ClearMlExperimentConnector(
      ClearMlSettings settings,
      Set<ExperimentCapability> capabilities,
      ClearMlClient client,
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
          String detail = client.signIn();
          ObjectNode body = client.body().put("page", 0).put("page_size", 1);
          body.putArray("only_fields").add("id");
          client.call("tasks.get_all", body, null);
          return detail;
        });
  }

  @Override
  public Experiment experiment(String id) {
    JsonNode task = task(id, PlatformErrors.EXPERIMENT_NOT_FOUND);
    ExperimentSummary summary = summary(task);
    List<Artifact> models = List.of();
    List<Artifact> artifacts = new ArrayList<>();
    if (capabilities.contains(ExperimentCapability.ARTIFACTS)) {
      ObjectNode body = client.body();
      body.putArray("task").add(summary.id());
      models = ClearMlMapping.models(client.call("models.get_all", body, null));
      artifacts.addAll(models);
      artifacts.addAll(ClearMlMapping.taskArtifacts(task));
    }
    Experiment.Builder experiment =
        Experiment.builder(summary.id(), summary.name(), summary.project())
            .owner(summary.owner())
            .status(summary.status())
            .created(summary.created())
            .tags(summary.tags())
            .webUrl(summary.webUrl())
            .frameworks(ClearMlMapping.frameworks(task, models))
            .parameters(ClearMlMapping.parameters(task))
            .latestMetrics(ClearMlMapping.latestMetrics(task))
            .artifacts(artifacts);
    if (capabilities.contains(ExperimentCapability.SCALARS)) {
      ObjectNode body = client.body().put("task", summary.id()).put("key", "iter");
      experiment.scalars(
          section(
              "scalars",
              summary.id(),
              () ->
                  ClearMlMapping.scalars(
                      client.call(
                          "events.scalar_metrics_iter_histogram",
                          body,
                          PlatformErrors.EXPERIMENT_NOT_FOUND))));
    }
    if (capabilities.contains(ExperimentCapability.PLOTS)) {
      ObjectNode body = client.body().put("task", summary.id()).put("iters", 1);
      experiment.plots(
          section(
              "plots",
              summary.id(),
              () ->
                  ClearMlMapping.plots(
                      client.call(
                          "events.get_task_plots", body, PlatformErrors.EXPERIMENT_NOT_FOUND),
                      json)));
    }
    return experiment.build();
  }

  /**
   * Reads one part of an experiment; if the call failed on its own (see {@link
   * ClearMlErrors#concernsOnlyTheCall}), the part is left out with a logged warning, since plugin
   * API 1.x has no place for a note in the experiment.
   */
  private <T> List<T> section(String part, String taskId, Supplier<List<T>> read) {
    try {
      return read.get();
    } catch (PlatformException e) {
      if (!ClearMlErrors.concernsOnlyTheCall(e)) {
        throw e;
      }
      LOG.log(
          Level.WARNING,
          "Left out the {0} of ClearML task {1}: {2}",
          new Object[] {part, taskId, e.getMessage()});
      return List.of();
    }
  }

  @Override
  public ResultPage<ExperimentSummary> searchExperiments(SearchCriteria criteria) {
    requireCapability(ExperimentCapability.SEARCH, "search experiments");
    List<ExperimentSummary> summaries = new ArrayList<>();
    Page page = search(criteria, false);
    page.tasks().forEach(task -> summaries.add(summary(task)));
    return new ResultPage<>(summaries, page.next());
  }

  @Override
  public Dataset dataset(String id) {
    requireCapability(ExperimentCapability.DATASETS, "read datasets");
    JsonNode task = task(id, PlatformErrors.DATASET_NOT_FOUND);
    if (!ClearMlMapping.isDataset(task)) {
      throw new PlatformException(
          PlatformErrors.DATASET_NOT_FOUND,
          "ClearML task '" + id + "' at " + settings.apiUrl() + " is not a dataset");
    }
    return toDataset(task);
  }

  @Override
  public ResultPage<Dataset> searchDatasets(SearchCriteria criteria) {
    requireCapability(ExperimentCapability.DATASETS, "search datasets");
    Page page = search(criteria, true);
    List<Dataset> datasets = new ArrayList<>();
    page.tasks().forEach(task -> datasets.add(toDataset(task)));
    return new ResultPage<>(datasets, page.next());
  }

  @Override
  public String cloneExperiment(String id, String newName) {
    requireCapability(ExperimentCapability.CLONE, "clone experiments");
    if (newName == null || newName.isBlank()) {
      throw PlatformException.invalidArgument("The clone needs a name");
    }
    ObjectNode body =
        client.body().put("task", requireId(id)).put("new_task_name", newName.strip());
    JsonNode cloned = client.call("tasks.clone", body, PlatformErrors.EXPERIMENT_NOT_FOUND);
    String newId = ClearMlMapping.textOrNull(cloned.path("id"));
    if (newId == null) {
      throw ClearMlErrors.unreadable(200, "clone task '" + id + "'", null);
    }
    return newId;
  }

  @Override
  public String toString() {
    return "ClearMlExperimentConnector{" + settings + "}";
  }

  private JsonNode task(String id, ErrorCode notFound) {
    ObjectNode body = client.body().put("task", requireId(id));
    JsonNode task = client.call("tasks.get_by_id", body, notFound).path("task");
    if (!task.isObject() || !task.hasNonNull("id")) {
      throw new PlatformException(
          notFound, "ClearML at " + settings.apiUrl() + " has no task '" + id + "'");
    }
    return task;
  }

  private Page search(SearchCriteria criteria, boolean datasets) {
    int page = pageNumber(criteria.cursor());
    List<String> projects = projects(criteria.project());
    if (projects == null) {
      return new Page(List.of(), null);
    }
    ObjectNode body = client.body().put("page", page).put("page_size", criteria.pageSize());
    body.putArray("order_by").add("-created");
    ArrayNode fields = body.putArray("only_fields");
    SEARCH_FIELDS.forEach(fields::add);
    if (!projects.isEmpty()) {
      ArrayNode project = body.putArray("project");
      projects.forEach(project::add);
    }
    if (criteria.text() != null) {
      body.put("name", "(?i)" + ClearMlMapping.regexLiteral(criteria.text()));
    }
    if (!criteria.tags().isEmpty()) {
      ArrayNode tags = body.putArray("tags").add("__$all");
      criteria.tags().forEach(tags::add);
    }
    ArrayNode systemTags = body.putArray("system_tags");
    if (datasets) {
      // As the SDK's Dataset.get: the operator is explicit, since older servers OR the terms of a
      // list field by default ("dataset" or not "archived").
      systemTags.add("__$all").add(ClearMlMapping.DATASET_TAG).add("__$not").add("archived");
      body.putArray("type").add(ClearMlMapping.DATASET_TYPE);
    } else {
      // No "__$all" here: older servers read "__$not" under it as "not both".
      systemTags.add("__$not").add("archived").add("__$not").add(ClearMlMapping.DATASET_TAG);
    }
    List<JsonNode> tasks = new ArrayList<>();
    client.call("tasks.get_all", body, null).path("tasks").forEach(tasks::add);
    String next = tasks.size() >= criteria.pageSize() ? Integer.toString(page + 1) : null;
    return new Page(tasks, next);
  }

  /** The projects to search, empty for all, {@code null} if the request is outside the filter. */
  private List<String> projects(String requested) {
    if (requested == null) {
      return settings.projects();
    }
    if (!settings.projects().isEmpty() && !settings.projects().contains(requested)) {
      return null;
    }
    return List.of(requested);
  }

  private static int pageNumber(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      int page = Integer.parseInt(cursor);
      if (page >= 0) {
        return page;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw PlatformException.invalidArgument(
        "Not a cursor of this ClearML connector: use the next cursor of a previous page");
  }

  private ExperimentSummary summary(JsonNode task) {
    String id = task.path("id").asText();
    ProjectRef project = project(task);
    return new ExperimentSummary(
        id,
        task.path("name").asText(id),
        project,
        userName(ClearMlMapping.textOrNull(task.path("user"))),
        ClearMlMapping.status(task.path("status").asText()),
        ClearMlMapping.instant(task.path("created")),
        ClearMlMapping.strings(task.path("tags")),
        webUrl("projects/" + project.id() + "/experiments/" + id));
  }

  private Dataset toDataset(JsonNode task) {
    String id = task.path("id").asText();
    ProjectRef project = project(task);
    String name = project.name();
    int hidden = name.indexOf("/.datasets/");
    ProjectRef visible =
        hidden > 0 ? new ProjectRef(project.id(), name.substring(0, hidden)) : project;
    return new Dataset(
        id,
        task.path("name").asText(id),
        visible,
        ClearMlMapping.version(task),
        ClearMlMapping.strings(task.path("tags")),
        ClearMlMapping.files(task),
        capabilities.contains(ExperimentCapability.ARTIFACTS)
            ? ClearMlMapping.taskArtifacts(task)
            : List.of(),
        webUrl("datasets/simple/" + project.id() + "/experiments/" + id));
  }

  private ProjectRef project(JsonNode task) {
    String id = ClearMlMapping.textOrNull(task.path("project"));
    if (id == null) {
      return new ProjectRef("", "(no project)");
    }
    String name =
        cached(
            projectNames,
            id,
            () -> {
              ObjectNode body = client.body().put("project", id);
              try {
                return ClearMlMapping.textOrNull(
                    client.call("projects.get_by_id", body, null).path("project").path("name"));
              } catch (PlatformException e) {
                if (isUnknownId(e)) {
                  return null;
                }
                throw e;
              }
            });
    return new ProjectRef(id, name);
  }

  private String userName(String id) {
    if (id == null) {
      return null;
    }
    String name =
        cached(
            userNames,
            id,
            () -> {
              ObjectNode body = client.body().put("user", id);
              try {
                return ClearMlMapping.textOrNull(
                    client.call("users.get_by_id", body, null).path("user").path("name"));
              } catch (PlatformException e) {
                if (isUnknownId(e)) {
                  return null;
                }
                throw e;
              }
            });
    return name == null ? id : name;
  }

  /** A rejected lookup of a project or user (deleted, or another company's): show the id. */
  private static boolean isUnknownId(PlatformException e) {
    return e.errorCode().equals(PlatformErrors.UNAVAILABLE) && !e.retryable();
  }

  private static String cached(Map<String, String> cache, String key, Supplier<String> lookup) {
    String name = cache.get(key);
    if (name != null) {
      return name;
    }
    name = lookup.get();
    if (name != null) {
      if (cache.size() >= NAME_CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(key, name);
    }
    return name;
  }

  private URI webUrl(String path) {
    return URI.create(settings.webUrl() + "/" + path);
  }

  private void requireCapability(ExperimentCapability capability, String what) {
    if (!capabilities.contains(capability)) {
      throw PlatformException.notSupported("This ClearML connector does not " + what);
    }
  }

  private static String requireId(String id) {
    if (id == null || id.isBlank()) {
      throw PlatformException.invalidArgument("A ClearML task id is required");
    }
    return id.strip();
  }

  private record Page(List<JsonNode> tasks, String next) {}
}
