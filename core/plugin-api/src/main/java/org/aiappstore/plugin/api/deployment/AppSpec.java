package org.aiappstore.plugin.api.deployment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.config.ConfigProperty;

/**
 * What a demo app runs: one container image serving HTTP on one port, with its environment,
 * resources and scaling. Always valid: the constructor rejects anything malformed with an {@link
 * InvalidAppSpecException} listing every problem.
 *
 * <p>Secret environment values are stored by the backend in a Kubernetes Secret and never returned:
 * a value equal to {@link #MASK} in an {@link DeploymentBackend#update update} or {@link
 * DeploymentBackend#restore restore} keeps the stored value. {@link #toString()} and {@link
 * #withMaskedSecrets()} mask them.
 *
 * <p>Build one with {@link #builder(String, String, String, int)}:
 *
 * <pre>{@code
 * AppSpec spec = AppSpec.builder("65f1c0ffee", "sentiment-demo", "ghcr.io/acme/sentiment:1.2", 7860)
 *     .env("MODEL_ID", "acme/sentiment")
 *     .secretEnv("HF_TOKEN", token)
 *     .resources(new AppResources("500m", "2", "1Gi", "4Gi", 0))
 *     .replicas(1, 3)
 *     .scaleToZero(true)
 *     .label("aiappstore.org/card-id", cardId)
 *     .build();
 * }</pre>
 *
 * @param appId the host's id of the app; a Kubernetes label value (at most 63 letters, digits, '-',
 *     '_' and '.'), unique across all backends
 * @param name the name of the app's objects, derived by the host: a DNS-1035 label of at most
 *     {@value #NAME_MAX_LENGTH} characters, unique in the backend's namespace
 * @param image the container image, see {@link ImageReferences}
 * @param port the port the container serves HTTP on, 1 to 65535
 * @param env plain environment variables, in order; returned as they are
 * @param secretEnv secret environment variables, in order; stored in a Secret, returned masked
 * @param resources CPU, memory and GPUs
 * @param minReplicas instances kept running (when not scaled to zero), at least 1
 * @param maxReplicas instances at most, from {@code minReplicas} to {@value #MAX_REPLICAS}
 * @param scaleToZero whether an idle app may scale down to no instance; needs {@link
 *     DeploymentCapability#SCALE_TO_ZERO}
 * @param labels extra labels for every object of the app (e.g. the card and the owner), except the
 *     {@link AppLabels#RESERVED reserved} ones
 */
public record AppSpec(
    String appId,
    String name,
    String image,
    int port,
    Map<String, String> env,
    Map<String, String> secretEnv,
    AppResources resources,
    int minReplicas,
    int maxReplicas,
    boolean scaleToZero,
    Map<String, String> labels) {

  /** A secret value as shown, and sent back to keep the stored value. */
  public static final String MASK = ConfigProperty.MASK;

  /** The longest app name: leaves room for the suffixes Kubernetes and KNative add. */
  public static final int NAME_MAX_LENGTH = 40;

  /** The most environment variables, plain and secret together. */
  public static final int MAX_ENV = 100;

  /** The longest environment value, in characters. */
  public static final int MAX_ENV_VALUE_LENGTH = 32 * 1024;

  /** The most replicas any app may have, whatever a backend allows. */
  public static final int MAX_REPLICAS = 100;

  /** The most extra labels. */
  public static final int MAX_LABELS = 32;

  /**
   * Validates the spec and copies its maps.
   *
   * @param appId the host's id of the app
   * @param name the name of the app's objects
   * @param image the container image
   * @param port the port the container serves HTTP on
   * @param env plain environment variables
   * @param secretEnv secret environment variables
   * @param resources CPU, memory and GPUs; {@code null} for {@link AppResources#none()}
   * @param minReplicas instances kept running
   * @param maxReplicas instances at most
   * @param scaleToZero whether an idle app may scale down to no instance
   * @param labels extra labels
   * @throws InvalidAppSpecException listing every problem found
   */
  public AppSpec {
    env = copy(env);
    secretEnv = copy(secretEnv);
    labels = copy(labels);
    resources = resources == null ? AppResources.none() : resources;
    List<SpecViolation> violations = new ArrayList<>();
    if (appId == null || appId.isEmpty()) {
      violations.add(new SpecViolation("appId", "is required"));
    } else {
      KubernetesNames.labelValueProblem(appId)
          .ifPresent(p -> violations.add(new SpecViolation("appId", p)));
    }
    KubernetesNames.dnsLabelProblem(name, NAME_MAX_LENGTH)
        .ifPresent(p -> violations.add(new SpecViolation("name", p)));
    ImageReferences.problem(image).ifPresent(p -> violations.add(new SpecViolation("image", p)));
    if (port < 1 || port > 65535) {
      violations.add(new SpecViolation("port", "must be from 1 to 65535"));
    }
    checkEnv(violations, "env", env);
    checkEnv(violations, "secretEnv", secretEnv);
    for (String key : env.keySet()) {
      if (secretEnv.containsKey(key)) {
        violations.add(new SpecViolation("secretEnv." + key, "is also a plain variable"));
      }
    }
    if (env.size() + secretEnv.size() > MAX_ENV) {
      violations.add(new SpecViolation("env", "must hold at most " + MAX_ENV + " variables"));
    }
    if (minReplicas < 1 || minReplicas > MAX_REPLICAS) {
      violations.add(new SpecViolation("minReplicas", "must be from 1 to " + MAX_REPLICAS));
    }
    if (maxReplicas < Math.max(1, minReplicas) || maxReplicas > MAX_REPLICAS) {
      violations.add(
          new SpecViolation(
              "maxReplicas", "must be from minReplicas (" + minReplicas + ") to " + MAX_REPLICAS));
    }
    checkLabels(violations, labels);
    if (!violations.isEmpty()) {
      throw new InvalidAppSpecException(violations);
    }
  }

  /**
   * Starts a spec with one replica, no environment, default resources and no scale to zero.
   *
   * @param appId the host's id of the app
   * @param name the name of the app's objects
   * @param image the container image
   * @param port the port the container serves HTTP on
   * @return a builder
   */
  public static Builder builder(String appId, String name, String image, int port) {
    return new Builder(appId, name, image, port);
  }

  /**
   * A builder holding this spec's values, to change some.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(appId, name, image, port);
    builder.env.putAll(env);
    builder.secretEnv.putAll(secretEnv);
    builder.resources = resources;
    builder.minReplicas = minReplicas;
    builder.maxReplicas = maxReplicas;
    builder.scaleToZero = scaleToZero;
    builder.labels.putAll(labels);
    return builder;
  }

  /**
   * This spec with every secret value replaced by {@link #MASK}, safe to return or store.
   *
   * @return the masked spec
   */
  public AppSpec withMaskedSecrets() {
    Map<String, String> masked = new LinkedHashMap<>();
    secretEnv.keySet().forEach(key -> masked.put(key, MASK));
    return new AppSpec(
        appId,
        name,
        image,
        port,
        env,
        masked,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        labels);
  }

  /**
   * Whether a secret value is the mask, meaning "keep the stored value".
   *
   * @param key the variable name
   * @return {@code true} if the variable is secret and its value is {@link #MASK}
   */
  public boolean keepsStoredSecret(String key) {
    return MASK.equals(secretEnv.get(key));
  }

  /**
   * The spec with secret values masked.
   *
   * @return a description that never contains a secret value
   */
  @Override
  public String toString() {
    return "AppSpec{appId="
        + appId
        + ", name="
        + name
        + ", image="
        + image
        + ", port="
        + port
        + ", env="
        + env
        + ", secretEnv="
        + secretEnv.keySet().stream()
            .map(key -> key + "=" + MASK)
            .collect(Collectors.joining(", ", "{", "}"))
        + ", resources="
        + resources
        + ", replicas="
        + minReplicas
        + ".."
        + maxReplicas
        + ", scaleToZero="
        + scaleToZero
        + ", labels="
        + labels
        + "}";
  }

  private static Map<String, String> copy(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> copy.put(Objects.requireNonNull(key, "key"), value == null ? "" : value));
    return Collections.unmodifiableMap(copy);
  }

  private static void checkEnv(
      List<SpecViolation> violations, String field, Map<String, String> variables) {
    variables.forEach(
        (key, value) -> {
          String path = field + "." + key;
          EnvNames.problem(key).ifPresent(p -> violations.add(new SpecViolation(path, p)));
          if (value.length() > MAX_ENV_VALUE_LENGTH) {
            violations.add(
                new SpecViolation(
                    path, "must be at most " + MAX_ENV_VALUE_LENGTH + " characters long"));
          } else {
            valueProblem(value).ifPresent(p -> violations.add(new SpecViolation(path, p)));
          }
        });
  }

  private static Optional<String> valueProblem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return Optional.of("must not contain a NUL character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("must be valid Unicode (unpaired surrogate)");
      }
    }
    return Optional.empty();
  }

  private static void checkLabels(List<SpecViolation> violations, Map<String, String> labels) {
    if (labels.size() > MAX_LABELS) {
      violations.add(new SpecViolation("labels", "must hold at most " + MAX_LABELS + " labels"));
    }
    labels.forEach(
        (key, value) -> {
          String path = "labels." + key;
          if (AppLabels.RESERVED.contains(key)) {
            violations.add(new SpecViolation(path, "is reserved for the platform"));
            return;
          }
          KubernetesNames.labelKeyProblem(key)
              .ifPresent(p -> violations.add(new SpecViolation(path, "key " + p)));
          KubernetesNames.labelValueProblem(value)
              .ifPresent(p -> violations.add(new SpecViolation(path, "value " + p)));
        });
  }

  /** Builds an {@link AppSpec}; obtain one from {@link AppSpec#builder}. */
  public static final class Builder {
    private final String appId;
    private final String name;
    private String image;
    private int port;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> secretEnv = new LinkedHashMap<>();
    private AppResources resources = AppResources.none();
    private int minReplicas = 1;
    private int maxReplicas = 1;
    private boolean scaleToZero;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private Builder(String appId, String name, String image, int port) {
      this.appId = appId;
      this.name = name;
      this.image = image;
      this.port = port;
    }

    /**
     * Sets the image.
     *
     * @param image the container image
     * @return this builder
     */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port the port the container serves HTTP on
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Adds or replaces a plain environment variable.
     *
     * @param name the variable name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /**
     * Replaces all plain environment variables.
     *
     * @param variables the variables, in order
     * @return this builder
     */
    public Builder env(Map<String, String> variables) {
      env.clear();
      env.putAll(variables);
      return this;
    }

    /**
     * Adds or replaces a secret environment variable.
     *
     * @param name the variable name
     * @param value its value, or {@link AppSpec#MASK} to keep the stored value
     * @return this builder
     */
    public Builder secretEnv(String name, String value) {
      secretEnv.put(name, value);
      return this;
    }

    /**
     * Replaces all secret environment variables.
     *
     * @param variables the variables, in order
     * @return this builder
     */
    public Builder secretEnv(Map<String, String> variables) {
      secretEnv.clear();
      secretEnv.putAll(variables);
      return this;
    }

    /**
     * Sets the resources.
     *
     * @param resources CPU, memory and GPUs
     * @return this builder
     */
    public Builder resources(AppResources resources) {
      this.resources = resources;
      return this;
    }

    /**
     * Sets the replica range.
     *
     * @param min instances kept running, at least 1
     * @param max instances at most
     * @return this builder
     */
    public Builder replicas(int min, int max) {
      this.minReplicas = min;
      this.maxReplicas = max;
      return this;
    }

    /**
     * Sets whether an idle app may scale down to no instance.
     *
     * @param scaleToZero whether to scale to zero
     * @return this builder
     */
    public Builder scaleToZero(boolean scaleToZero) {
      this.scaleToZero = scaleToZero;
      return this;
    }

    /**
     * Adds or replaces an extra label.
     *
     * @param key the label key
     * @param value the label value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the validated spec
     * @throws InvalidAppSpecException listing every problem found
     */
    public AppSpec build() {
      return new AppSpec(
          appId,
          name,
          image,
          port,
          env,
          secretEnv,
          resources,
          minReplicas,
          maxReplicas,
          scaleToZero,
          labels);
    }
  }
}
