package org.aiappstore.plugins.experiment.clearml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer.Response;

/**
 * A fake ClearML API server answering from recorded responses in {@code
 * src/test/resources/clearml}: sign-in with HTTP Basic and bearer tokens, tasks (filtering and
 * paging like {@code tasks.get_all}), projects, users, scalars, plots, models and cloning. A few
 * task ids misbehave on purpose: {@link #SLOW_TASK} never answers until the server closes, {@link
 * #BROKEN_TASK} fails with ClearML's server error.
 */
final class FakeClearMl implements AutoCloseable {

  static final String ACCESS_KEY = "FAKEACCESSKEY7Q2W";
  static final String SECRET_KEY = "fake-clearml-secret-4d9c1e7b";

  static final String VISION = "8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c";
  static final String RESNET = "e1f0c3a4b5d64e7f8a9b0c1d2e3f4a5b";
  static final String VIT = "b7a6c5d4e3f24a1b9c8d7e6f5a4b3c2d";
  static final String EFFNET = "c2d3e4f5a6b74c8d9e0f1a2b3c4d5e6f";
  static final String DATASET = "d5e6f7a8b9c04d1e2f3a4b5c6d7e8f90";
  static final String ADA = "b5c8e1d2a3f44b6c9d0e1f2a3b4c5d6e";
  static final String UNKNOWN = "00000000000000000000000000000000";
  static final String SLOW_TASK = "5104510451044510a510451045104510";
  static final String BROKEN_TASK = "b40b40b40b404b40b40b40b40b40b40b";

  /** A copy of {@link #RESNET}, found by id only, whose plots are answered with no JSON. */
  static final String FAILING_PLOTS_TASK = "fa11fa11fa114fa1a11fa11fa11fa11f";

  /** A copy of {@link #RESNET}, found by id only, whose plots fail with ClearML's server error. */
  static final String FLAKY_PLOTS_TASK = "f1a4f1a4f1a44f1aa1a4f1a4f1a4f1a4";

  /** A copy of {@link #RESNET}, found by id only, whose plots refuse every token. */
  static final String DENIED_PLOTS_TASK = "de41ede41ede4de4a1ede41ede41ede4";

  /**
   * Which release of the ClearML server the fake answers like, where they differ in what the
   * connector sends.
   */
  enum Release {
    /**
     * Current clearml-server ({@code apiserver/database/model/base.py}): list-field terms (tags,
     * system_tags) before any operator are grouped by "any" but the groups are ANDed, {@code
     * __$not} under {@code __$all} excludes each value ({@code nin}), an operator switches off the
     * legacy {@code -} prefix until {@code __$nop}; {@code page_size} defaults to and is capped at
     * the default {@code max_page_size} of 500.
     */
    CURRENT,

    /**
     * Older clearml-server releases: the groups of list-field terms are ORed unless the first
     * operator says otherwise, {@code __$not} under {@code __$all} excludes only documents holding
     * all the values ({@code not__all}), the {@code -} prefix always excludes; and (in releases
     * older still) {@code page} requires {@code page_size} (400, subcode 11 {@code
     * missing_required_fields}) and the page size is not capped.
     */
    OLDER
  }

  /**
   * A list-field filter (e.g. {@code ["__$all", "a", "__$not", "b"]}) as the server builds it: the
   * terms are sorted into MongoDB modifiers ({@code in}, {@code nin}, {@code all}, {@code
   * not__all}) by the operator in force and whether they are excluded, and the modifiers are
   * combined by the global operator (the first one given, else the release's default).
   */
  static Predicate<List<String>> listFilter(List<String> terms, Release release) {
    boolean legacyPrefix = true;
    Boolean globalAnd = null;
    boolean contextAnd = false;
    Boolean include = null;
    Map<String, List<String>> actions = new LinkedHashMap<>();
    for (String term : terms) {
      if (term.equals("__$nop") && release == Release.CURRENT) {
        include = null;
        globalAnd = globalAnd == null ? true : globalAnd;
        contextAnd = false;
        legacyPrefix = true;
        continue;
      }
      if (term.startsWith("__$")) {
        requireValueAfter(include);
        if (term.equals("__$not") || term.equals("__$nop")) {
          include = term.equals("__$nop");
          continue;
        }
        boolean and =
            switch (term) {
              case "__$all", "__$and" -> true;
              case "__$any", "__$or" -> false;
              default -> throw new IllegalArgumentException("Unsupported operator " + term);
            };
        contextAnd = and;
        globalAnd = globalAnd == null ? and : globalAnd;
        legacyPrefix = release == Release.OLDER;
        continue;
      }
      globalAnd = globalAnd == null ? release == Release.CURRENT : globalAnd;
      boolean included = include == null || include;
      String value = term;
      if ((include == null || release == Release.OLDER) && legacyPrefix && term.startsWith("-")) {
        value = term.substring(1);
        included = false;
      }
      include = null;
      String action;
      if (contextAnd) {
        action = included ? "all" : release == Release.OLDER ? "not__all" : "nin";
      } else {
        action = included ? "in" : "nin";
      }
      actions.computeIfAbsent(action, a -> new ArrayList<>()).add(value);
    }
    requireValueAfter(include);
    boolean and = globalAnd == null || globalAnd;
    List<Predicate<List<String>>> conditions = new ArrayList<>();
    actions.forEach(
        (action, values) ->
            conditions.add(
                switch (action) {
                  case "in" -> present -> values.stream().anyMatch(present::contains);
                  case "nin" -> present -> values.stream().noneMatch(present::contains);
                  case "all" -> present -> present.containsAll(values);
                  default -> present -> !present.containsAll(values);
                }));
    if (conditions.isEmpty()) {
      return present -> true;
    }
    return present ->
        and
            ? conditions.stream().allMatch(c -> c.test(present))
            : conditions.stream().anyMatch(c -> c.test(present));
  }

  private static void requireValueAfter(Boolean unary) {
    if (unary != null) {
      throw new IllegalArgumentException("A value is expected after __$not");
    }
  }

  /** The largest page {@code tasks.get_all} answers: the server's default {@code max_page_size}. */
  static final int MAX_PAGE_SIZE = 500;

  private final FakeHttpServer server = FakeHttpServer.start();
  private final Release release;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();

  /** Tasks that can be read by id but are not found by {@code tasks.get_all}. */
  private final Map<String, ObjectNode> hiddenTasks = new ConcurrentHashMap<>();

  private final Map<String, JsonNode> projects = new HashMap<>();
  private final Map<String, JsonNode> users = new HashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger clones = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);

  private FakeClearMl(Release release) {
    this.release = release;
    for (JsonNode task : recorded("tasks.get_all.json").path("data").path("tasks")) {
      tasks.put(task.path("id").asText(), (ObjectNode) task);
    }
    for (String id : List.of(FAILING_PLOTS_TASK, FLAKY_PLOTS_TASK, DENIED_PLOTS_TASK)) {
      hiddenTasks.put(id, tasks.get(RESNET).deepCopy().put("id", id));
    }
    recorded("projects.get_all.json")
        .path("data")
        .path("projects")
        .forEach(p -> projects.put(p.path("id").asText(), p));
    recorded("users.get_all.json")
        .path("data")
        .path("users")
        .forEach(u -> users.put(u.path("id").asText(), u));
    server.route("POST", "/auth.login", this::login);
    signedIn("tasks.get_by_id", this::getById);
    signedIn("tasks.get_all", this::getAll);
    signedIn("tasks.clone", this::cloneTask);
    signedIn("projects.get_by_id", body -> byId(projects, "project", body, "invalid-project-id"));
    signedIn("users.get_by_id", body -> byId(users, "user", body, "invalid-user-id"));
    signedIn("events.scalar_metrics_iter_histogram", body -> forResnet(body, "scalars"));
    signedIn("events.get_task_plots", body -> forResnet(body, "plots"));
    signedIn("models.get_all", this::models);
  }

  /** A fake answering like the current ClearML server. */
  static FakeClearMl start() {
    return new FakeClearMl(Release.CURRENT);
  }

  /** A fake answering like an older ClearML server, see {@link Release#OLDER}. */
  static FakeClearMl startOlder() {
    return new FakeClearMl(Release.OLDER);
  }

  URI apiUrl() {
    return server.baseUrl();
  }

  FakeHttpServer http() {
    return server;
  }

  /** Configuration for a ClearML API at a URL, with the fake's credentials. */
  static Map<String, String> config(URI apiUrl, Duration timeout) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(ClearMlExperimentConnectorFactory.API_URL, apiUrl.toString());
    config.put(ClearMlExperimentConnectorFactory.WEB_URL, "https://app.example.test");
    config.put(ClearMlExperimentConnectorFactory.ACCESS_KEY, ACCESS_KEY);
    config.put(ClearMlExperimentConnectorFactory.SECRET_KEY, SECRET_KEY);
    config.put(
        ClearMlExperimentConnectorFactory.REQUEST_TIMEOUT_SECONDS,
        Long.toString(Math.max(1, timeout.toSeconds())));
    return config;
  }

  Map<String, String> config() {
    return config(apiUrl(), Duration.ofSeconds(5));
  }

  /** Makes every issued token invalid, as when tokens expire. */
  void expireTokens() {
    tokens.clear();
  }

  int logins() {
    return logins.get();
  }

  @Override
  public void close() {
    closing.countDown();
    server.close();
  }

  private Response login(FakeHttpServer.Request request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ACCESS_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
    if (!request.header("Authorization").orElse("").equals(expected)) {
      return error("invalid-credentials");
    }
    String token = "token-" + logins.incrementAndGet();
    tokens.add(token);
    ObjectNode answer = recorded("auth.login.json");
    ((ObjectNode) answer.path("data")).put("token", token);
    return Response.json(200, answer.toString());
  }

  private void signedIn(String endpoint, Function<JsonNode, Response> handler) {
    server.route(
        "POST",
        "/" + endpoint,
        request -> {
          String auth = request.header("Authorization").orElse("");
          if (!auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            return error("invalid-token");
          }
          return handler.apply(read(request.body()));
        });
  }

  private Response getById(JsonNode body) {
    String id = body.path("task").asText();
    if (id.equals(SLOW_TASK)) {
      awaitClose();
    }
    if (id.equals(BROKEN_TASK)) {
      return error("server-error");
    }
    ObjectNode task = tasks.getOrDefault(id, hiddenTasks.get(id));
    if (task == null) {
      return error("invalid-task-id");
    }
    ObjectNode data = json.createObjectNode();
    data.set("task", task);
    return ok("tasks.get_by_id", data);
  }

  private Response getAll(JsonNode body) {
    Integer pageSize = body.hasNonNull("page_size") ? body.path("page_size").asInt() : null;
    Integer page = body.hasNonNull("page") ? body.path("page").asInt() : null;
    if (release == Release.OLDER && page != null && pageSize == null) {
      return error("missing-required-fields");
    }
    if (release == Release.CURRENT) {
      page = page == null ? 0 : page;
      pageSize = Math.min(pageSize == null ? MAX_PAGE_SIZE : pageSize, MAX_PAGE_SIZE);
    }
    List<String> projectFilter = strings(body.path("project"));
    List<String> types = strings(body.path("type"));
    Predicate<List<String>> systemTags;
    Predicate<List<String>> tagFilter;
    try {
      systemTags = listFilter(strings(body.path("system_tags")), release);
      tagFilter = listFilter(strings(body.path("tags")), release);
    } catch (IllegalArgumentException e) {
      return error("fields-value-error");
    }
    Pattern name = body.has("name") ? Pattern.compile(body.path("name").asText()) : null;
    List<ObjectNode> matching =
        tasks.values().stream()
            .filter(
                t -> projectFilter.isEmpty() || projectFilter.contains(t.path("project").asText()))
            .filter(t -> types.isEmpty() || types.contains(t.path("type").asText()))
            .filter(t -> systemTags.test(strings(t.path("system_tags"))))
            .filter(t -> tagFilter.test(strings(t.path("tags"))))
            .filter(t -> name == null || name.matcher(t.path("name").asText()).find())
            .sorted(Comparator.comparing((ObjectNode t) -> t.path("created").asText()).reversed())
            .toList();
    List<String> onlyFields = strings(body.path("only_fields"));
    ObjectNode data = json.createObjectNode();
    ArrayNode found = data.putArray("tasks");
    matching.stream()
        .skip(page == null ? 0 : (long) page * pageSize)
        .limit(pageSize == null ? Long.MAX_VALUE : pageSize)
        .forEach(t -> found.add(onlyFields.isEmpty() ? t : project(t, onlyFields)));
    return ok("tasks.get_all", data);
  }

  /** The fields of a task named by {@code only_fields} (dotted paths), and its id. */
  private ObjectNode project(ObjectNode task, List<String> fields) {
    ObjectNode projected = json.createObjectNode();
    projected.set("id", task.path("id"));
    for (String field : fields) {
      String[] path = field.split("\\.");
      JsonNode value = task;
      for (String part : path) {
        value = value.path(part);
      }
      if (value.isMissingNode()) {
        continue;
      }
      ObjectNode parent = projected;
      for (int i = 0; i < path.length - 1; i++) {
        parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
      }
      parent.set(path[path.length - 1], value.deepCopy());
    }
    return projected;
  }

  private Response cloneTask(JsonNode body) {
    ObjectNode original = tasks.get(body.path("task").asText());
    if (original == null) {
      return error("invalid-task-id");
    }
    ObjectNode answer = recorded("tasks.clone.json");
    String id = String.format("f00dfeedc0de4bad9e1e2d3c4b5a%04d", clones.incrementAndGet());
    ObjectNode copy = original.deepCopy();
    copy.put("id", id);
    copy.put("name", body.path("new_task_name").asText(original.path("name").asText()));
    copy.put("status", "created");
    copy.putObject("last_metrics");
    tasks.put(id, copy);
    ((ObjectNode) answer.path("data")).put("id", id);
    return Response.json(200, answer.toString());
  }

  private Response byId(Map<String, JsonNode> store, String field, JsonNode body, String error) {
    JsonNode value = store.get(body.path(field).asText());
    if (value == null) {
      return error(error);
    }
    ObjectNode data = json.createObjectNode();
    data.set(field, value);
    return ok(field + "s.get_by_id", data);
  }

  private Response forResnet(JsonNode body, String what) {
    String task = body.path("task").asText();
    if (!tasks.containsKey(task) && !hiddenTasks.containsKey(task)) {
      return error("invalid-task-id");
    }
    boolean resnet = task.equals(RESNET) || hiddenTasks.containsKey(task);
    if (what.equals("plots") && task.equals(FAILING_PLOTS_TASK)) {
      return Response.json(200, "<html><body>Not ClearML</body></html>");
    }
    if (what.equals("plots") && task.equals(FLAKY_PLOTS_TASK)) {
      return error("server-error");
    }
    if (what.equals("plots") && task.equals(DENIED_PLOTS_TASK)) {
      return error("invalid-token");
    }
    if (what.equals("scalars")) {
      return resnet
          ? Response.json(
              200, FakeHttpServer.resource("clearml/events.scalar_metrics_iter_histogram.json"))
          : ok("events.scalar_metrics_iter_histogram", json.createObjectNode());
    }
    if (resnet) {
      return Response.json(200, FakeHttpServer.resource("clearml/events.get_task_plots.json"));
    }
    ObjectNode data = json.createObjectNode();
    data.putArray("plots");
    data.put("returned", 0).put("total", 0);
    return ok("events.get_task_plots", data);
  }

  private Response models(JsonNode body) {
    List<String> taskFilter = strings(body.path("task"));
    ObjectNode answer = recorded("models.get_all.json");
    ArrayNode models = (ArrayNode) answer.path("data").path("models");
    for (int i = models.size() - 1; i >= 0; i--) {
      if (!taskFilter.isEmpty() && !taskFilter.contains(models.get(i).path("task").asText())) {
        models.remove(i);
      }
    }
    return Response.json(200, answer.toString());
  }

  private Response ok(String endpoint, JsonNode data) {
    ObjectNode answer = recorded("auth.login.json");
    ((ObjectNode) answer.path("meta").path("endpoint")).put("name", endpoint);
    answer.set("data", data);
    return Response.json(200, answer.toString());
  }

  private Response error(String name) {
    JsonNode answer = recorded("errors/" + name + ".json");
    return Response.json(answer.path("meta").path("result_code").asInt(), answer.toString());
  }

  private void awaitClose() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode recorded(String name) {
    return (ObjectNode) read(FakeHttpServer.resource("clearml/" + name));
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text.isBlank() ? "{}" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
