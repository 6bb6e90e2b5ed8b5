package org.aiappstore.plugins.deployment.emissary;

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
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugins.kubernetes.AppPolicy;
import org.aiappstore.plugins.kubernetes.ClusterSettings;
import org.aiappstore.plugins.kubernetes.KubernetesConfig;
import org.aiappstore.plugins.kubernetes.LogFollower;
import org.pf4j.Extension;

/**
 * Creates {@link EmissaryBackend}s: demo apps as Deployments and Services, routed by
 * Emissary-ingress Mappings on a shared host under {@code /apps/{name}/}.
 */
@Extension
public final class EmissaryBackendFactory implements DeploymentBackendFactory {

  /** The connector id, also the value of the backend label. */
  public static final String ID = "emissary";

  /** The public URL Emissary serves, e.g. {@code https://apps.example.com}. */
  public static final String PUBLIC_BASE_URL = "publicBaseUrl";

  /** The Mapping's host name; {@code *} for any. */
  public static final String MAPPING_HOSTNAME = "mappingHostname";

  /** The Emissary instance (ambassador_id) that should serve the Mappings, if not the default. */
  public static final String AMBASSADOR_ID = "ambassadorId";

  /** Seconds a request (or an idle websocket) may take through Emissary. */
  public static final String ROUTE_TIMEOUT = "routeTimeoutSeconds";

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          ID,
          "Kubernetes + Emissary-ingress",
          "Runs demo apps as Deployments with a Service each, routed by Emissary-ingress under"
              + " /apps/{name}/ of a shared host.",
          null);

  private static final ConfigSchema SCHEMA;

  static {
    List<ConfigProperty> properties = new ArrayList<>(KubernetesConfig.clusterProperties());
    properties.add(
        ConfigProperty.uri(PUBLIC_BASE_URL)
            .label("Public base URL")
            .help("Where Emissary serves the apps, e.g. https://apps.example.com")
            .required()
            .build());
    properties.add(
        ConfigProperty.string(MAPPING_HOSTNAME)
            .label("Mapping host name")
            .help("Host the Mappings answer for; * for any.")
            .defaultValue("*")
            .build());
    properties.add(
        ConfigProperty.string(AMBASSADOR_ID)
            .label("ambassador_id")
            .help("Only if several Emissary installations share the cluster.")
            .build());
    properties.add(
        ConfigProperty.integer(ROUTE_TIMEOUT)
            .label("Request timeout (s)")
            .help("How long a request or an idle websocket may last through Emissary.")
            .defaultValue(300)
            .build());
    properties.addAll(KubernetesConfig.policyProperties());
    SCHEMA = ConfigSchema.of(properties.toArray(ConfigProperty[]::new));
  }

  private static final Set<DeploymentCapability> CAPABILITIES =
      Set.copyOf(
          EnumSet.of(
              DeploymentCapability.GPU,
              DeploymentCapability.LOGS,
              DeploymentCapability.PATH_PREFIX_ROUTING,
              DeploymentCapability.PREVIEW,
              DeploymentCapability.LIST_MANAGED));

  /** Creates the factory; PF4J calls this. */
  public EmissaryBackendFactory() {}

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public Set<DeploymentCapability> capabilities() {
    return CAPABILITIES;
  }

  /**
   * Creates a backend; it contacts the cluster only when used.
   *
   * @throws InvalidConfigException if a value is outside what the backend accepts
   */
  @Override
  public DeploymentBackend create(ConnectorConfig config, ConnectorContext context) {
    List<ConfigViolation> violations = new ArrayList<>();
    ClusterSettings cluster = KubernetesConfig.cluster(config, violations);
    EmissaryBackend.Routing routing = routing(config, violations);
    AppPolicy policy = KubernetesConfig.policy(config, violations);
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    return new EmissaryBackend(
        cluster, policy, routing, CAPABILITIES, context.clock(), LogFollower.Settings.DEFAULTS);
  }

  static EmissaryBackend.Routing routing(ConnectorConfig config, List<ConfigViolation> violations) {
    URI base = config.uri(PUBLIC_BASE_URL);
    String scheme = base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")
        || base.getHost() == null
        || base.getQuery() != null
        || base.getFragment() != null
        || base.getUserInfo() != null) {
      violations.add(
          new ConfigViolation(PUBLIC_BASE_URL, "must be an http(s) URL with a host and no query"));
    }
    String hostname = config.string(MAPPING_HOSTNAME).strip();
    if (!hostname.equals("*")
        && !hostname.matches("(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?")) {
      violations.add(new ConfigViolation(MAPPING_HOSTNAME, "must be * or a host name"));
    }
    Optional<String> ambassadorId = config.optionalString(AMBASSADOR_ID).map(String::strip);
    ambassadorId
        .filter(id -> !id.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"))
        .ifPresent(id -> violations.add(new ConfigViolation(AMBASSADOR_ID, "must be a DNS label")));
    int timeout = config.integer(ROUTE_TIMEOUT);
    if (timeout < 1 || timeout > 24 * 3600) {
      violations.add(new ConfigViolation(ROUTE_TIMEOUT, "must be from 1 to 86400 seconds"));
    }
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    URI normalized = URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "/");
    return new EmissaryBackend.Routing(
        normalized, hostname, ambassadorId.orElse(null), Duration.ofSeconds(Math.max(1, timeout)));
  }
}
