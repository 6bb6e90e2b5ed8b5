package org.aiappstore.plugins.deployment.knative;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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

/** Creates {@link KnativeBackend}s: demo apps as KNative Serving Services that autoscale. */
@Extension
public final class KnativeBackendFactory implements DeploymentBackendFactory {

  /** The connector id, also the value of the backend label. */
  public static final String ID = "knative";

  /** The domain KNative serves apps under, for URLs until KNative reports one. */
  public static final String DOMAIN = "domain";

  /** {@code https} or {@code http}, for URLs built from {@link #DOMAIN}. */
  public static final String URL_SCHEME = "urlScheme";

  /** Concurrent requests per instance the autoscaler aims at. */
  public static final String TARGET_CONCURRENCY = "targetConcurrency";

  /** Seconds a request may take (the revision's {@code timeoutSeconds}). */
  public static final String ROUTE_TIMEOUT = "routeTimeoutSeconds";

  /** The cluster's {@code max-revision-timeout-seconds}, above which KNative rejects a Revision. */
  public static final String MAX_REVISION_TIMEOUT = "maxRevisionTimeoutSeconds";

  /** KNative's default {@code max-revision-timeout-seconds} (ConfigMap {@code config-defaults}). */
  public static final int DEFAULT_MAX_REVISION_TIMEOUT = 600;

  /**
   * Whether the cluster allows {@code initial-scale: 0} ({@code allow-zero-initial-scale} of
   * KNative's {@code config-autoscaler}): then a Revision wanted at 0 instances starts none.
   */
  public static final String ZERO_INITIAL_SCALE = "allowZeroInitialScale";

  /** Whether containers get a startup probe (KNative Serving 1.15 or later). */
  public static final String STARTUP_PROBE = "startupProbe";

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          ID,
          "KNative Serving",
          "Runs demo apps as KNative Services that scale with their traffic, down to zero where"
              + " allowed.",
          null);

  private static final ConfigSchema SCHEMA;

  static {
    List<ConfigProperty> properties = new ArrayList<>(KubernetesConfig.clusterProperties());
    properties.add(
        ConfigProperty.string(DOMAIN)
            .label("Domain")
            .help(
                "KNative's domain, e.g. apps.example.com: an app's URL is"
                    + " <scheme>://<name>.<namespace>.<domain> until KNative reports it.")
            .build());
    properties.add(
        ConfigProperty.enumeration(URL_SCHEME, "https", "http")
            .label("URL scheme")
            .defaultValue("https")
            .build());
    properties.add(
        ConfigProperty.integer(TARGET_CONCURRENCY)
            .label("Target concurrency")
            .help("Concurrent requests per instance the autoscaler aims at.")
            .defaultValue(10)
            .build());
    properties.add(
        ConfigProperty.integer(ROUTE_TIMEOUT)
            .label("Request timeout (s)")
            .help(
                "How long a request may take, at most the cluster's maximum below: KNative rejects"
                    + " a Revision whose timeoutSeconds exceeds its max-revision-timeout-seconds.")
            .defaultValue(300)
            .build());
    properties.add(
        ConfigProperty.integer(MAX_REVISION_TIMEOUT)
            .label("Cluster's maximum request timeout (s)")
            .help(
                "KNative's max-revision-timeout-seconds (ConfigMap config-defaults in"
                    + " knative-serving; 600 unless the cluster's administrator raised it).")
            .defaultValue(DEFAULT_MAX_REVISION_TIMEOUT)
            .build());
    properties.add(
        ConfigProperty.bool(ZERO_INITIAL_SCALE)
            .label("Cluster allows zero initial scale")
            .help(
                "Turn on only if KNative's config-autoscaler has allow-zero-initial-scale: true."
                    + " Then stopping an app (0 instances) makes a Revision with initial-scale 0,"
                    + " which starts no instance; otherwise KNative starts one instance for the new"
                    + " Revision, which goes away after the idle window.")
            .defaultValue(false)
            .build());
    properties.add(
        ConfigProperty.bool(STARTUP_PROBE)
            .label("Startup probe")
            .help("Turn off for KNative Serving older than 1.15, which refuses startup probes.")
            .defaultValue(true)
            .build());
    properties.addAll(KubernetesConfig.policyProperties());
    SCHEMA = ConfigSchema.of(properties.toArray(ConfigProperty[]::new));
  }

  private static final Set<DeploymentCapability> CAPABILITIES =
      Set.copyOf(
          EnumSet.of(
              DeploymentCapability.SCALE_TO_ZERO,
              DeploymentCapability.GPU,
              DeploymentCapability.LOGS,
              DeploymentCapability.PREVIEW,
              DeploymentCapability.LIST_MANAGED));

  /** Creates the factory; PF4J calls this. */
  public KnativeBackendFactory() {}

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
    KnativeBackend.Serving serving = serving(config, violations);
    AppPolicy policy = KubernetesConfig.policy(config, violations);
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    return new KnativeBackend(
        cluster, policy, serving, CAPABILITIES, context.clock(), LogFollower.Settings.DEFAULTS);
  }

  static KnativeBackend.Serving serving(ConnectorConfig config, List<ConfigViolation> violations) {
    Optional<String> domain = config.optionalString(DOMAIN).map(String::strip);
    domain
        .filter(d -> !d.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"))
        .ifPresent(d -> violations.add(new ConfigViolation(DOMAIN, "must be a DNS name")));
    int target = config.integer(TARGET_CONCURRENCY);
    if (target < 1 || target > 1000) {
      violations.add(new ConfigViolation(TARGET_CONCURRENCY, "must be from 1 to 1000"));
    }
    int maxTimeout = config.integer(MAX_REVISION_TIMEOUT);
    if (maxTimeout < 1) {
      violations.add(new ConfigViolation(MAX_REVISION_TIMEOUT, "must be at least 1 second"));
    }
    int timeout = config.integer(ROUTE_TIMEOUT);
    if (timeout < 1 || timeout > Math.max(1, maxTimeout)) {
      violations.add(
          new ConfigViolation(
              ROUTE_TIMEOUT,
              "must be from 1 to "
                  + Math.max(1, maxTimeout)
                  + " seconds: KNative rejects a Revision whose timeoutSeconds exceeds the"
                  + " cluster's max-revision-timeout-seconds ("
                  + MAX_REVISION_TIMEOUT
                  + ")"));
    }
    return new KnativeBackend.Serving(
        domain.orElse(null),
        config.string(URL_SCHEME),
        target,
        timeout,
        config.bool(STARTUP_PROBE),
        config.bool(ZERO_INITIAL_SCALE));
  }
}
