package org.aiappstore.plugins.experiment.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer.Request;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer.Response;

/**
 * A fake MLflow tracking server answering from recorded responses in {@code
 * src/test/resources/mlflow}: runs, experiments, searches with MLflow's base64 page tokens, metric
 * histories and artifact listings paged two by two, a bearer token required. {@link #SLOW_RUN}
 * never answers until the server closes, {@link #BROKEN_RUN} fails with MLflow's internal error.
 */
final class FakeMlflow implements AutoCloseable {

  static final String TOKEN = "fake-mlflow-token-6e2f9a41";
  static final String RESNET = "4a1b2c3d4e5f40718293a4b5c6d7e8f9";
  static final String VIT = "5b2c3d4e5f6a41829304b5c6d7e8f9a0";
  static final String EFFNET = "6c3d4e5f6a7b42939415c6d7e8f9a0b1";
  static final String BERT = "7d4e5f6a7b8c43a4a526d7e8f9a0b1c2";
  static final String UNKNOWN = "00000000000000000000000000000000";
  static final String SLOW_RUN = "5104510451044510a510451045104510";
  static final String BROKEN_RUN = "b40b40b40b404b40b40b40b40b40b40b";

  /**
   * A copy of {@link #VIT} whose {@code loss} history has {@link #LONG_HISTORY} points, {@code
   * value = step}, paged as asked with {@code max_results} (at most {@link #MAX_PAGE} a page).
   */
  static final String LONG_RUN = "1019101910194019a019101910191019";

  /**
   * A copy of {@link #VIT} whose {@code loss} history has {@link #LONG_HISTORY} points, all in one
   * answer: MLflow servers before paged histories ignore {@code max_results} and {@code
   * page_token}.
   */
  static final String ONE_ANSWER_RUN = "0ea0ea0ea0ea40ea90ea0ea0ea0ea0ea";

  /**
   * A copy of {@link #VIT} whose {@code loss} history answers its first page of 3 points at once
   * and never answers the next until the server closes.
   */
  static final String SLOW_HISTORY_RUN = "5104510451044510b510451045104510";

  /** How many points the histories of {@link #LONG_RUN} and {@link #ONE_ANSWER_RUN} have. */
  static final int LONG_HISTORY = MlflowExperimentConnector.MAX_HISTORY_POINTS + 5;

  /** The largest page of a metric history the fake sends. */
  static final int MAX_PAGE = 25_000;

  /** A copy of {@link #RESNET} whose {@code loss} history is answered with a page no JSON reads. */
  static final String FAILING_LOSS_RUN = "fa11fa11fa114fa1a11fa11fa11fa11f";

  /** A copy of {@link #RESNET} whose {@code loss} history fails with MLflow's internal error. */
  static final String FLAKY_LOSS_RUN = "f1a4f1a4f1a44f1aa1a4f1a4f1a4f1a4";

  /** A copy of {@link #RESNET} whose {@code loss} history is refused as not permitted. */
  static final String DENIED_LOSS_RUN = "de41ede41ede4de4a1ede41ede41ede4";

  /** How many records a paged answer of the fake holds at most, to exercise paging. */
  static final int FAKE_PAGE = 2;

  private static final String API = "/api/2.0/mlflow/";

  /**
   * One clause of a search filter; strings as sqlparse tokenizes them: {@code
   * '(''|\\\\|\\'|[^'])*'} and {@code "(""|\\\\|\\"|[^"])*"}.
   */
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\s*(?<entity>attributes|tags)\\.(?<key>`(?:``|[^`])*`|\\w+)\\s*"
              + "(?<comparator>!=|=|LIKE\\b|ILIKE\\b)\\s*"
              + "(?<value>'(?:''|\\\\\\\\|\\\\'|[^'])*'|\"(?:\"\"|\\\\\\\\|\\\\\"|[^\"])*\")\\s*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern AND = Pattern.compile("AND\\b", Pattern.CASE_INSENSITIVE);

  private final FakeHttpServer server = FakeHttpServer.start();

  /** Strict like protobuf's JSON: MLflow writes a NaN metric as the string {@code "NaN"}. */
  private final ObjectMapper json = JsonMapper.builder().build();

  private final List<JsonNode> runs = new ArrayList<>();

  /** Runs that can be read by id but are not found by searches, by id. */
  private final Map<String, JsonNode> hiddenRuns = new LinkedHashMap<>();

  private final Map<String, JsonNode> experiments = new LinkedHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private FakeMlflow() {
    recorded("runs.search.json").path("runs").forEach(runs::add);
    recorded("experiments.search.json")
        .path("experiments")
        .forEach(e -> experiments.put(e.path("experiment_id").asText(), e));
    for (String id : List.of(FAILING_LOSS_RUN, FLAKY_LOSS_RUN, DENIED_LOSS_RUN)) {
      hiddenRuns.put(id, copy(RESNET, id));
    }
    for (String id : List.of(LONG_RUN, ONE_ANSWER_RUN, SLOW_HISTORY_RUN)) {
      hiddenRuns.put(id, copy(VIT, id));
    }
    route("GET", "runs/get", this::getRun);
    route("GET", "experiments/get", this::getExperiment);
    route("POST", "experiments/search", this::searchExperiments);
    route("POST", "runs/search", this::searchRuns);
    route("GET", "metrics/get-history", this::history);
    route("GET", "artifacts/list", this::artifacts);
  }

  static FakeMlflow start() {
    return new FakeMlflow();
  }

  URI trackingUrl() {
    return server.baseUrl();
  }

  FakeHttpServer http() {
    return server;
  }

  static Map<String, String> config(URI trackingUrl, Duration timeout) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(MlflowExperimentConnectorFactory.TRACKING_URL, trackingUrl.toString());
    config.put(MlflowExperimentConnectorFactory.WEB_URL, "https://mlflow.example.test");
    config.put(MlflowExperimentConnectorFactory.TOKEN, TOKEN);
    config.put(
        MlflowExperimentConnectorFactory.REQUEST_TIMEOUT_SECONDS,
        Long.toString(Math.max(1, timeout.toSeconds())));
    return config;
  }

  Map<String, String> config() {
    return config(trackingUrl(), Duration.ofSeconds(5));
  }

  /** MLflow's page token: base64 of {@code {"offset": n}}. */
  static String pageToken(int offset) {
    return Base64.getEncoder()
        .encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    closing.countDown();
    server.close();
  }

  private void route(String method, String path, Function<Request, Response> handler) {
    server.route(
        method,
        API + path,
        request -> {
          if (!request.header("Authorization").orElse("").equals("Bearer " + TOKEN)) {
            return Response.text(401, FakeHttpServer.resource("mlflow/errors/unauthenticated.txt"));
          }
          return handler.apply(request);
        });
  }

  private Response getRun(Request request) {
    String id = request.queryParameter("run_id").orElse("");
    if (id.equals(SLOW_RUN)) {
      awaitClose();
    }
    if (id.equals(BROKEN_RUN)) {
      return error(500, "internal-error");
    }
    return run(id)
        .map(run -> Response.json(200, json.createObjectNode().set("run", run).toString()))
        .orElseGet(() -> error(404, "resource-does-not-exist"));
  }

  private Response getExperiment(Request request) {
    JsonNode experiment = experiments.get(request.queryParameter("experiment_id").orElse(""));
    if (experiment == null) {
      return error(404, "resource-does-not-exist");
    }
    return Response.json(200, json.createObjectNode().set("experiment", experiment).toString());
  }

  private Response searchExperiments(Request request) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode found = answer.putArray("experiments");
    experiments.values().forEach(found::add);
    return Response.json(200, answer.toString());
  }

  private Response searchRuns(Request request) {
    JsonNode body = read(request.body());
    List<String> ids = new ArrayList<>();
    body.path("experiment_ids").forEach(id -> ids.add(id.asText()));
    Predicate<JsonNode> filter;
    try {
      filter = filter(body.path("filter").asText(""));
    } catch (IllegalArgumentException e) {
      return error(400, "invalid-parameter-value");
    }
    Integer offset = offset(body.path("page_token").asText(null));
    if (offset == null) {
      return error(400, "invalid-parameter-value");
    }
    List<JsonNode> matching =
        runs.stream()
            .filter(r -> ids.contains(r.path("info").path("experiment_id").asText()))
            .filter(filter)
            .sorted(
                Comparator.comparingLong((JsonNode r) -> r.path("info").path("start_time").asLong())
                    .reversed())
            .toList();
    int size = body.path("max_results").asInt(1000);
    return Response.json(200, page("runs", matching, offset, size).toString());
  }

  private Response history(Request request) {
    String run = request.queryParameter("run_id").orElse("");
    if (run(run).isEmpty()) {
      return error(404, "resource-does-not-exist");
    }
    String key = request.queryParameter("metric_key").orElse("");
    if (key.equals("loss") && run.equals(FAILING_LOSS_RUN)) {
      return Response.json(200, "<html><body>Not MLflow</body></html>");
    }
    if (key.equals("loss") && run.equals(FLAKY_LOSS_RUN)) {
      return error(500, "internal-error");
    }
    if (key.equals("loss") && run.equals(DENIED_LOSS_RUN)) {
      return error(403, "permission-denied");
    }
    if (key.equals("loss") && run.equals(SLOW_HISTORY_RUN)) {
      if (request.queryParameter("page_token").isPresent()) {
        awaitClose();
      }
      return Response.json(200, generatedHistory(key, 0, 3));
    }
    if (key.equals("loss") && run.equals(ONE_ANSWER_RUN)) {
      return Response.json(200, generatedHistory(key, 0, LONG_HISTORY));
    }
    if (key.equals("loss") && run.equals(LONG_RUN)) {
      Integer offset = offset(request.queryParameter("page_token").orElse(null));
      if (offset == null) {
        return error(400, "invalid-parameter-value");
      }
      int size = Integer.parseInt(request.queryParameter("max_results").orElse("1000"));
      return Response.json(
          200,
          generatedHistory(key, offset, Math.min(LONG_HISTORY, offset + Math.min(size, MAX_PAGE))));
    }
    List<JsonNode> points = new ArrayList<>();
    if (asResnet(run) && (key.equals("loss") || key.equals("accuracy"))) {
      recorded("metrics.get-history." + key + ".json").path("metrics").forEach(points::add);
    }
    Integer offset = offset(request.queryParameter("page_token").orElse(null));
    if (offset == null) {
      return error(400, "invalid-parameter-value");
    }
    return Response.json(200, page("metrics", points, offset, FAKE_PAGE).toString());
  }

  private Response artifacts(Request request) {
    String run = request.queryParameter("run_id").orElse("");
    if (run(run).isEmpty()) {
      return error(404, "resource-does-not-exist");
    }
    JsonNode listing = recorded("artifacts.list.json");
    List<JsonNode> files = new ArrayList<>();
    if (asResnet(run)) {
      listing.path("files").forEach(files::add);
    }
    Integer offset = offset(request.queryParameter("page_token").orElse(null));
    if (offset == null) {
      return error(400, "invalid-parameter-value");
    }
    ObjectNode answer = page("files", files, offset, FAKE_PAGE);
    answer.put("root_uri", listing.path("root_uri").asText().replace(RESNET, run));
    return Response.json(200, answer.toString());
  }

  private ObjectNode page(String field, List<JsonNode> all, int offset, int size) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode items = answer.putArray(field);
    all.stream().skip(offset).limit(Math.min(size, FAKE_PAGE * 50)).forEach(items::add);
    int next = offset + items.size();
    if (next < all.size()) {
      answer.put("next_page_token", pageToken(next));
    }
    return answer;
  }

  /** Decodes MLflow's page token; 0 for none, {@code null} for a token MLflow would refuse. */
  private Integer offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      return read(decoded).path("offset").asInt();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * MLflow's search filter, as far as the connector uses it: {@code identifier comparator value}
   * clauses joined by {@code AND}, the identifier {@code attributes.run_name} or {@code tags.key}
   * (the key optionally in backticks), the comparator {@code =}, {@code !=}, {@code LIKE} or {@code
   * ILIKE}, the value a string in single or double quotes. Strings are tokenized by sqlparse's
   * rules and MLflow only strips their quotes, without unescaping; LIKE and ILIKE take {@code %}
   * for any text and {@code _} for any one character, everything else literally.
   */
  static Predicate<JsonNode> filter(String filter) {
    Predicate<JsonNode> all = run -> true;
    if (filter.isBlank()) {
      return all;
    }
    Matcher m = CLAUSE.matcher(filter);
    int position = 0;
    boolean first = true;
    while (position < filter.length() || first) {
      m.region(position, filter.length());
      if (!(first ? m.lookingAt() : andClause(m, filter, position))) {
        throw new IllegalArgumentException("Unsupported filter at " + position + ": " + filter);
      }
      first = false;
      String entity = m.group("entity");
      String key = m.group("key").startsWith("`") ? strip(m.group("key")) : m.group("key");
      String comparator = m.group("comparator").toUpperCase(Locale.ROOT);
      String value = strip(m.group("value"));
      BiPredicate<String, String> compare =
          switch (comparator) {
            case "=" -> String::equals;
            case "!=" -> (actual, expected) -> !actual.equals(expected);
            case "LIKE" -> (actual, pattern) -> like(pattern, 0).matcher(actual).matches();
            default ->
                (actual, pattern) ->
                    like(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(actual)
                        .matches();
          };
      Predicate<JsonNode> clause;
      if (entity.equals("attributes") && key.equals("run_name")) {
        clause = r -> compare.test(r.path("info").path("run_name").asText(), value);
      } else if (entity.equals("tags")) {
        clause =
            r -> {
              for (JsonNode t : r.path("data").path("tags")) {
                if (t.path("key").asText().equals(key)) {
                  return compare.test(t.path("value").asText(), value);
                }
              }
              return false;
            };
      } else {
        throw new IllegalArgumentException("Unsupported identifier " + entity + "." + key);
      }
      all = all.and(clause);
      position = m.end();
    }
    return all;
  }

  private static boolean andClause(Matcher m, String filter, int position) {
    Matcher and = AND.matcher(filter).region(position, filter.length());
    if (!and.lookingAt()) {
      return false;
    }
    m.region(and.end(), filter.length());
    return m.lookingAt();
  }

  /** The text between a literal's quotes (or a key's backticks), as MLflow takes it. */
  private static String strip(String quoted) {
    return quoted.substring(1, quoted.length() - 1);
  }

  /** A LIKE pattern as a regular expression: {@code %} any text, {@code _} any one character. */
  private static Pattern like(String pattern, int flags) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? "(?s).*" : "(?s).");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), flags);
  }

  private Optional<JsonNode> run(String id) {
    if (hiddenRuns.containsKey(id)) {
      return Optional.of(hiddenRuns.get(id));
    }
    return runs.stream().filter(r -> r.path("info").path("run_id").asText().equals(id)).findFirst();
  }

  private ObjectNode copy(String original, String id) {
    ObjectNode copy = run(original).orElseThrow().deepCopy();
    ((ObjectNode) copy.path("info")).put("run_id", id).put("run_uuid", id);
    return copy;
  }

  /** Points {@code from} to {@code to} (exclusive) of a generated history, value = step. */
  private static String generatedHistory(String key, int from, int to) {
    StringBuilder page = new StringBuilder(64 + (to - from) * 80).append("{\"metrics\": [");
    for (int step = from; step < to; step++) {
      page.append(step == from ? "" : ", ")
          .append("{\"key\": \"")
          .append(key)
          .append("\", \"value\": ")
          .append(step)
          .append(".0, \"timestamp\": ")
          .append(1714557700000L + step)
          .append(", \"step\": ")
          .append(step)
          .append('}');
    }
    page.append(']');
    if (to < LONG_HISTORY) {
      page.append(", \"next_page_token\": \"").append(pageToken(to)).append('"');
    }
    return page.append('}').toString();
  }

  /** Whether a run has {@link #RESNET}'s histories and artifacts. */
  private boolean asResnet(String id) {
    return id.equals(RESNET) || hiddenRuns.containsKey(id);
  }

  private Response error(int status, String name) {
    return Response.json(status, FakeHttpServer.resource("mlflow/errors/" + name + ".json"));
  }

  private void awaitClose() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private JsonNode recorded(String name) {
    return read(FakeHttpServer.resource("mlflow/" + name));
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text == null || text.isBlank() ? "{}" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }
}
