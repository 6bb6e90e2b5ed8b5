package org.aiappstore.plugins.experiment.clearml;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Creates {@link ClearMlExperimentConnector}s for a ClearML server (self-hosted or app.clear.ml).
 */
@Extension
public final class ClearMlExperimentConnectorFactory implements ExperimentConnectorFactory {

  /** The API server URL. */
  public static final String API_URL = "apiUrl";

  /** The web app URL, for links; derived from the API URL when empty. */
  public static final String WEB_URL = "webUrl";

  /** The API access key. */
  public static final String ACCESS_KEY = "accessKey";

  /** The API secret key. */
  public static final String SECRET_KEY = "secretKey";

  /** The timeout of each HTTP request, in seconds. */
  public static final String REQUEST_TIMEOUT_SECONDS = "requestTimeoutSeconds";

  /** Project ids searches are limited to. */
  public static final String PROJECTS = "projects";

  /** The largest request timeout, in seconds. */
  static final int MAX_TIMEOUT_SECONDS = 300;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "clearml",
          "ClearML",
          "Links model cards to ClearML experiments: parameters, scalars, plots, models and"
              + " datasets; searches and clones experiments.",
          "https://clear.ml/docs/latest/docs/references/api/");

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(
          ConfigProperty.uri(API_URL)
              .label("API server URL")
              .help("ClearML API server, e.g. https://api.clear.ml or http://clearml:8008.")
              .required()
              .build(),
          ConfigProperty.uri(WEB_URL)
              .label("Web app URL")
              .help(
                  "ClearML web app, for links, e.g. https://app.clear.ml. Leave empty to derive it"
                      + " from the API URL (api. host becomes app., port 8008 becomes 8080).")
              .build(),
          ConfigProperty.string(ACCESS_KEY).label("Access key").required().build(),
          ConfigProperty.secret(SECRET_KEY).label("Secret key").required().build(),
          ConfigProperty.integer(REQUEST_TIMEOUT_SECONDS)
              .label("Request timeout (s)")
              .help("How long to wait for each ClearML answer, 1 to 300 seconds.")
              .defaultValue(20)
              .build(),
          ConfigProperty.list(PROJECTS)
              .label("Projects")
              .help("Comma-separated project ids searches are limited to; empty for all.")
              .build());

  private static final Set<ExperimentCapability> CAPABILITIES =
      Set.copyOf(EnumSet.allOf(ExperimentCapability.class));

  /** Creates the factory; PF4J calls this. */
  public ClearMlExperimentConnectorFactory() {}

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
   * Creates a connector; it contacts ClearML only when used.
   *
   * @throws InvalidConfigException if a URL is not http(s) or carries credentials, or the timeout
   *     is out of range
   */
  @Override
  public ExperimentConnector create(ConnectorConfig config, ConnectorContext context) {
    ClearMlSettings settings = settings(config);
    ObjectMapper json = objectMapper();
    return new ClearMlExperimentConnector(
        settings, CAPABILITIES, new ClearMlClient(settings, context.httpClient(), json), json);
  }

  /** A lenient reader: ClearML adds fields over versions. */
  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** Checks the values the schema cannot check. */
  static ClearMlSettings settings(ConnectorConfig config) {
    List<ConfigViolation> violations = new ArrayList<>();
    URI api = httpUrl(config.uri(API_URL), API_URL, violations);
    Optional<URI> web =
        config.optionalString(WEB_URL).map(URI::create).map(u -> httpUrl(u, WEB_URL, violations));
    int timeout = config.integer(REQUEST_TIMEOUT_SECONDS);
    if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
      violations.add(
          new ConfigViolation(
              REQUEST_TIMEOUT_SECONDS, "must be between 1 and " + MAX_TIMEOUT_SECONDS));
    }
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    return new ClearMlSettings(
        api,
        web.orElseGet(() -> webUrlOf(api)),
        config.string(ACCESS_KEY).strip(),
        config.secret(SECRET_KEY).strip(),
        Duration.ofSeconds(timeout),
        config.list(PROJECTS));
  }

  /**
   * Guesses the web app from the API server as ClearML lays them out: {@code api.example.com}
   * becomes {@code app.example.com}, port 8008 becomes 8080; anything else stays as is.
   *
   * @param api the API URL
   * @return the web app URL
   */
  static URI webUrlOf(URI api) {
    String host = api.getHost();
    int port = api.getPort();
    if (host.startsWith("api.")) {
      host = "app." + host.substring(4);
    }
    if (port == 8008) {
      port = 8080;
    }
    return URI.create(api.getScheme() + "://" + host + (port < 0 ? "" : ":" + port));
  }

  private static URI httpUrl(URI uri, String property, List<ConfigViolation> violations) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      violations.add(new ConfigViolation(property, "must be an http or https URL with a host"));
      return uri;
    }
    if (uri.getUserInfo() != null) {
      violations.add(
          new ConfigViolation(property, "must not contain credentials: use the key fields"));
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
