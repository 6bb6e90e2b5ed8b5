package org.aiappstore.plugins.experiment.mlflow;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.pf4j.Extension;

/** Creates {@link MlflowExperimentConnector}s for an MLflow tracking server. */
@Extension
public final class MlflowExperimentConnectorFactory implements ExperimentConnectorFactory {

  /** The tracking server URL. */
  public static final String TRACKING_URL = "trackingUrl";

  /** The MLflow UI URL, for links; the tracking URL when empty. */
  public static final String WEB_URL = "webUrl";

  /** A bearer token. */
  public static final String TOKEN = "token";

  /** A user name for HTTP basic authentication. */
  public static final String USERNAME = "username";

  /** The password for HTTP basic authentication. */
  public static final String PASSWORD = "password";

  /** The timeout of each HTTP request, in seconds. */
  public static final String REQUEST_TIMEOUT_SECONDS = "requestTimeoutSeconds";

  /** Experiment ids searches are limited to. */
  public static final String EXPERIMENT_IDS = "experimentIds";

  /** The largest request timeout, in seconds. */
  static final int MAX_TIMEOUT_SECONDS = 300;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "mlflow",
          "MLflow",
          "Links model cards to MLflow runs: parameters, tags, metric histories and artifacts;"
              + " searches runs.",
          "https://mlflow.org/docs/latest/rest-api.html");

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(
          ConfigProperty.uri(TRACKING_URL)
              .label("Tracking server URL")
              .help("MLflow tracking server, e.g. http://mlflow:5000.")
              .required()
              .build(),
          ConfigProperty.uri(WEB_URL)
              .label("MLflow UI URL")
              .help("Where people open runs; leave empty when it is the tracking server URL.")
              .build(),
          ConfigProperty.secret(TOKEN)
              .label("Bearer token")
              .help("Sent as 'Authorization: Bearer'; leave empty for basic or no authentication.")
              .build(),
          ConfigProperty.string(USERNAME)
              .label("User name")
              .help("For HTTP basic authentication (MLflow's basic-auth app), with the password.")
              .build(),
          ConfigProperty.secret(PASSWORD).label("Password").build(),
          ConfigProperty.integer(REQUEST_TIMEOUT_SECONDS)
              .label("Request timeout (s)")
              .help("How long to wait for each MLflow answer, 1 to 300 seconds.")
              .defaultValue(20)
              .build(),
          ConfigProperty.list(EXPERIMENT_IDS)
              .label("Experiment ids")
              .help("Comma-separated experiment ids searches are limited to; empty for all.")
              .build());

  /** MLflow stores no Plotly plots, has no datasets of its own and cannot clone runs. */
  private static final Set<ExperimentCapability> CAPABILITIES =
      Set.copyOf(
          EnumSet.of(
              ExperimentCapability.SCALARS,
              ExperimentCapability.ARTIFACTS,
              ExperimentCapability.SEARCH));

  /** Creates the factory; PF4J calls this. */
  public MlflowExperimentConnectorFactory() {}

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public Set<ExperimentCapability> capabilities() {
    return CAPABILITIES;
  }

  /**
   * Creates a connector; it contacts MLflow only when used.
   *
   * @throws InvalidConfigException if a URL is not http(s) or carries credentials, the
   *     authentication settings contradict each other, or the timeout is out of range
   */
  @Override
  public ExperimentConnector create(ConnectorConfig config, ConnectorContext context) {
    MlflowSettings settings = settings(config);
    ObjectMapper json = objectMapper();
    return new MlflowExperimentConnector(
        settings, CAPABILITIES, new MlflowClient(settings, context.httpClient(), json), json);
  }

  /** A lenient reader: MLflow writes NaN metrics as {@code NaN} and adds fields over versions. */
  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** Checks the values the schema cannot check. */
  static MlflowSettings settings(ConnectorConfig config) {
    List<ConfigViolation> violations = new ArrayList<>();
    URI tracking = httpUrl(config.uri(TRACKING_URL), TRACKING_URL, violations);
    Optional<URI> web =
        config.optionalString(WEB_URL).map(URI::create).map(u -> httpUrl(u, WEB_URL, violations));
    Optional<String> token = optionalSecret(config, TOKEN);
    Optional<String> username = config.optionalString(USERNAME).map(String::strip);
    Optional<String> password = optionalSecret(config, PASSWORD);
    if (token.isPresent() && username.isPresent()) {
      violations.add(new ConfigViolation(USERNAME, "must be empty when a token is set"));
    }
    if (username.isPresent() != password.isPresent()) {
      violations.add(
          new ConfigViolation(
              username.isPresent() ? PASSWORD : USERNAME,
              "is required with the " + (username.isPresent() ? "user name" : "password")));
    }
    int timeout = config.integer(REQUEST_TIMEOUT_SECONDS);
    if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
      violations.add(
          new ConfigViolation(
              REQUEST_TIMEOUT_SECONDS, "must be between 1 and " + MAX_TIMEOUT_SECONDS));
    }
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    String authorization = null;
    String description = "no authentication";
    if (token.isPresent()) {
      authorization = "Bearer " + token.get();
      description = "bearer token";
    } else if (username.isPresent()) {
      String credentials = username.get() + ":" + password.get();
      authorization =
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
      description = "basic authentication as " + username.get();
    }
    return new MlflowSettings(
        tracking,
        web.orElse(tracking),
        authorization,
        description,
        Duration.ofSeconds(timeout),
        config.list(EXPERIMENT_IDS));
  }

  private static Optional<String> optionalSecret(ConnectorConfig config, String name) {
    return config.asMap().containsKey(name)
        ? Optional.of(config.secret(name).strip()).filter(s -> !s.isEmpty())
        : Optional.empty();
  }

  private static URI httpUrl(URI uri, String property, List<ConfigViolation> violations) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      violations.add(new ConfigViolation(property, "must be an http or https URL with a host"));
      return uri;
    }
    if (uri.getUserInfo() != null) {
      violations.add(
          new ConfigViolation(property, "must not contain credentials: use the token or password"));
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
