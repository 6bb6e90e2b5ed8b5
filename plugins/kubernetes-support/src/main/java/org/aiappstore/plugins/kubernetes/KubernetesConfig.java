package org.aiappstore.plugins.kubernetes;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.KubernetesNames;
import org.aiappstore.plugin.api.deployment.Quantities;

/**
 * The configuration properties every Kubernetes deployment backend shares, and their parsing into
 * {@link ClusterSettings} and an {@link AppPolicy}. A factory's schema is {@link
 * #clusterProperties()}, its own properties, then {@link #policyProperties()}.
 */
public final class KubernetesConfig {

  /** The namespace apps run in. */
  public static final String NAMESPACE = "namespace";

  /** The API server URL; empty for the in-cluster service account. */
  public static final String MASTER_URL = "masterUrl";

  /** A bearer token for the API server. */
  public static final String TOKEN = "token";

  /** PEM certificates of the API server's CA. */
  public static final String CA_CERTIFICATE = "caCertificate";

  /** Seconds to wait for a connection to the API server. */
  public static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";

  /** Seconds to wait for an answer of the API server. */
  public static final String REQUEST_TIMEOUT = "requestTimeoutSeconds";

  /** The most CPU per container. */
  public static final String MAX_CPU = "maxCpu";

  /** The most memory per container. */
  public static final String MAX_MEMORY = "maxMemory";

  /** The most GPUs per app. */
  public static final String MAX_GPUS = "maxGpus";

  /** The most replicas per app. */
  public static final String MAX_REPLICAS = "maxReplicas";

  /** CPU of a container that sets none. */
  public static final String DEFAULT_CPU = "defaultCpu";

  /** Memory of a container that sets none. */
  public static final String DEFAULT_MEMORY = "defaultMemory";

  /** The user id containers run as. */
  public static final String RUN_AS_USER = "runAsUser";

  /** An HTTP path to probe instead of the TCP port. */
  public static final String HEALTH_CHECK_PATH = "healthCheckPath";

  /** Secrets to pull images with. */
  public static final String IMAGE_PULL_SECRETS = "imagePullSecrets";

  private KubernetesConfig() {}

  /**
   * Where the cluster is: namespace, API server, token, CA certificate, timeouts.
   *
   * @return the properties, in form order
   */
  public static List<ConfigProperty> clusterProperties() {
    return List.of(
        ConfigProperty.string(NAMESPACE)
            .label("Namespace")
            .help("Kubernetes namespace the demo apps run in; it must exist.")
            .defaultValue("aiappstore-apps")
            .required()
            .build(),
        ConfigProperty.uri(MASTER_URL)
            .label("API server")
            .help(
                "e.g. https://kubernetes.example.com:6443. Leave empty when the platform runs in"
                    + " the cluster: its service account is used.")
            .build(),
        ConfigProperty.secret(TOKEN)
            .label("Token")
            .help("Bearer token of a service account allowed what the README lists.")
            .build(),
        ConfigProperty.text(CA_CERTIFICATE)
            .label("CA certificate")
            .help("PEM certificate(s) of the API server's CA; empty to use the JVM's trust store.")
            .build(),
        ConfigProperty.integer(CONNECT_TIMEOUT)
            .label("Connect timeout (s)")
            .defaultValue(10)
            .build(),
        ConfigProperty.integer(REQUEST_TIMEOUT)
            .label("Request timeout (s)")
            .defaultValue(30)
            .build());
  }

  /**
   * What apps may use and how they run: maxima, defaults, user id, probes, pull secrets.
   *
   * @return the properties, in form order
   */
  public static List<ConfigProperty> policyProperties() {
    return List.of(
        ConfigProperty.string(MAX_CPU)
            .label("Max CPU per app")
            .help("Kubernetes quantity, e.g. 4 or 500m.")
            .defaultValue("4")
            .required()
            .build(),
        ConfigProperty.string(MAX_MEMORY)
            .label("Max memory per app")
            .help("Kubernetes quantity, e.g. 16Gi.")
            .defaultValue("16Gi")
            .required()
            .build(),
        ConfigProperty.integer(MAX_GPUS)
            .label("Max GPUs per app")
            .help("Whole nvidia.com/gpu devices; 0 disables GPUs.")
            .defaultValue(0)
            .build(),
        ConfigProperty.integer(MAX_REPLICAS).label("Max replicas per app").defaultValue(5).build(),
        ConfigProperty.string(DEFAULT_CPU)
            .label("Default CPU")
            .help("Request and limit of an app that sets none.")
            .defaultValue("500m")
            .required()
            .build(),
        ConfigProperty.string(DEFAULT_MEMORY)
            .label("Default memory")
            .help("Request and limit of an app that sets none.")
            .defaultValue("1Gi")
            .required()
            .build(),
        ConfigProperty.integer(RUN_AS_USER)
            .label("Run as user id")
            .help("Containers run as this non-root user id.")
            .defaultValue(1000)
            .build(),
        ConfigProperty.string(HEALTH_CHECK_PATH)
            .label("Health check path")
            .help("HTTP path to probe, e.g. /; empty to probe the TCP port.")
            .build(),
        ConfigProperty.list(IMAGE_PULL_SECRETS)
            .label("Image pull secrets")
            .help("Names of docker-registry Secrets in the namespace.")
            .build());
  }

  /**
   * Reads the cluster properties, adding what is wrong to a list.
   *
   * @param config the validated configuration
   * @param violations where problems go
   * @return the settings, meaningful only if no violation was added
   */
  public static ClusterSettings cluster(ConnectorConfig config, List<ConfigViolation> violations) {
    String namespace = config.string(NAMESPACE).strip();
    KubernetesNames.dnsLabelProblem(namespace, KubernetesNames.MAX_LABEL_LENGTH)
        .or(
            () ->
                namespace.startsWith("kube-")
                    ? Optional.of("must not be a system namespace")
                    : Optional.empty())
        .ifPresent(p -> violations.add(new ConfigViolation(NAMESPACE, p)));
    Optional<URI> masterUrl = config.optionalString(MASTER_URL).map(URI::create);
    masterUrl.ifPresent(
        uri -> {
          String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            violations.add(
                new ConfigViolation(MASTER_URL, "must be an http or https URL with a host"));
          }
          if (uri.getUserInfo() != null) {
            violations.add(
                new ConfigViolation(MASTER_URL, "must not contain credentials: use the token"));
          }
        });
    Optional<String> token =
        Optional.ofNullable(config.asMap().get(TOKEN)).map(String::strip).filter(t -> !t.isEmpty());
    Optional<String> ca = config.optionalString(CA_CERTIFICATE).map(String::strip);
    ca.ifPresent(
        pem -> {
          try {
            if (CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .isEmpty()) {
              violations.add(new ConfigViolation(CA_CERTIFICATE, "holds no certificate"));
            }
          } catch (CertificateException e) {
            violations.add(new ConfigViolation(CA_CERTIFICATE, "is not a PEM certificate"));
          }
        });
    int connect = seconds(config, CONNECT_TIMEOUT, 1, 300, violations);
    int request = seconds(config, REQUEST_TIMEOUT, 1, 600, violations);
    return new ClusterSettings(
        namespace, masterUrl, token, ca, Duration.ofSeconds(connect), Duration.ofSeconds(request));
  }

  /**
   * Reads the policy properties, adding what is wrong to a list.
   *
   * @param config the validated configuration
   * @param violations where problems go
   * @return the policy, meaningful only if no violation was added
   */
  public static AppPolicy policy(ConnectorConfig config, List<ConfigViolation> violations) {
    String maxCpu = quantity(config, MAX_CPU, violations);
    String maxMemory = quantity(config, MAX_MEMORY, violations);
    String defaultCpu = quantity(config, DEFAULT_CPU, violations);
    String defaultMemory = quantity(config, DEFAULT_MEMORY, violations);
    if (maxCpu != null && defaultCpu != null && Quantities.compare(defaultCpu, maxCpu) > 0) {
      violations.add(new ConfigViolation(DEFAULT_CPU, "must not exceed " + MAX_CPU));
    }
    if (maxMemory != null
        && defaultMemory != null
        && Quantities.compare(defaultMemory, maxMemory) > 0) {
      violations.add(new ConfigViolation(DEFAULT_MEMORY, "must not exceed " + MAX_MEMORY));
    }
    if (defaultCpu != null && Quantities.compare(defaultCpu, AppResources.MIN_CPU) < 0) {
      violations.add(new ConfigViolation(DEFAULT_CPU, "must be at least " + AppResources.MIN_CPU));
    }
    if (defaultMemory != null && Quantities.compare(defaultMemory, AppResources.MIN_MEMORY) < 0) {
      violations.add(
          new ConfigViolation(DEFAULT_MEMORY, "must be at least " + AppResources.MIN_MEMORY));
    }
    int maxGpus = config.integer(MAX_GPUS);
    if (maxGpus < 0 || maxGpus > AppResources.MAX_GPUS) {
      violations.add(new ConfigViolation(MAX_GPUS, "must be from 0 to " + AppResources.MAX_GPUS));
    }
    int maxReplicas = config.integer(MAX_REPLICAS);
    if (maxReplicas < 1 || maxReplicas > AppSpec.MAX_REPLICAS) {
      violations.add(
          new ConfigViolation(MAX_REPLICAS, "must be from 1 to " + AppSpec.MAX_REPLICAS));
    }
    int runAsUser = config.integer(RUN_AS_USER);
    if (runAsUser < 1) {
      violations.add(new ConfigViolation(RUN_AS_USER, "must be a non-root user id (1 or more)"));
    }
    String path = config.optionalString(HEALTH_CHECK_PATH).map(String::strip).orElse(null);
    if (path != null && (!path.startsWith("/") || !path.matches("/[A-Za-z0-9._~/%?=&+-]*"))) {
      violations.add(new ConfigViolation(HEALTH_CHECK_PATH, "must be a URL path such as /"));
    }
    List<String> pullSecrets = config.list(IMAGE_PULL_SECRETS);
    for (String secret : pullSecrets) {
      KubernetesNames.objectNameProblem(secret)
          .ifPresent(
              p -> violations.add(new ConfigViolation(IMAGE_PULL_SECRETS, secret + " " + p)));
    }
    return new AppPolicy(
        maxCpu,
        maxMemory,
        maxGpus,
        maxReplicas,
        defaultCpu,
        defaultMemory,
        runAsUser,
        path,
        pullSecrets);
  }

  private static String quantity(
      ConnectorConfig config, String name, List<ConfigViolation> violations) {
    String value = config.string(name).strip();
    Optional<String> problem = Quantities.problem(value);
    if (problem.isPresent()) {
      violations.add(new ConfigViolation(name, problem.get()));
      return null;
    }
    return value;
  }

  private static int seconds(
      ConnectorConfig config, String name, int min, int max, List<ConfigViolation> violations) {
    int value = config.integer(name);
    if (value < min || value > max) {
      violations.add(new ConfigViolation(name, "must be from " + min + " to " + max + " seconds"));
      return Math.max(min, Math.min(max, value));
    }
    return value;
  }
}
