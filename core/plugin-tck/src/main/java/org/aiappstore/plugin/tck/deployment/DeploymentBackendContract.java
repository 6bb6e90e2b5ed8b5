package org.aiappstore.plugin.tck.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppEvent;
import org.aiappstore.plugin.api.deployment.AppLabels;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.deployment.ManagedApp;
import org.aiappstore.plugin.api.deployment.RenderedManifest;
import org.aiappstore.plugin.api.deployment.RenderedManifests;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.aiappstore.plugin.tck.deployment.testing.RecordingLogListener;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every Kubernetes {@link DeploymentBackend} must honour, run against fabric8's
 * Kubernetes mock server in CRUD mode ({@link KubernetesMockCluster}). A plugin's test extends this
 * class and supplies its {@link #factory()} and a {@link #config(URI, String) configuration}
 * pointing at the given API server and namespace; the contract creates a backend per test, closes
 * it afterwards, and gives each test its own app ids and names.
 *
 * <p>The contract inspects the cluster through the objects {@link DeploymentBackend#preview}
 * renders, so backends must declare {@link DeploymentCapability#PREVIEW} for most tests to run.
 * Tests of undeclared capabilities are skipped; calls needing them must fail with {@link
 * PlatformErrors#NOT_SUPPORTED}. A backend declaring {@link DeploymentCapability#GPU} must be
 * configured to allow at least one GPU and fewer than {@link AppResources#MAX_GPUS}.
 *
 * <p>No controller runs in the mock: pods and events are added by the tests as a controller would,
 * labelled like the workload's pod template. Logs come from the cluster's log fixture, whose follow
 * streams end after the lines written so far: following is tested as reconnecting without
 * duplicates, not as one held-open stream.
 */
public abstract class DeploymentBackendContract {

  /** How long tests wait for asynchronous outcomes (log lines) at most. */
  protected static final Duration WAIT = Duration.ofSeconds(20);

  /** The image of the sample app. */
  protected static final String IMAGE = "registry.example.com/tck/demo:1.0";

  /** The port of the sample app. */
  protected static final int PORT = 7860;

  /** The plain variable of the sample app, defined before any other. */
  protected static final String PLAIN_NAME = "GREETING";

  /** The secret variable of the sample app. */
  protected static final String SECRET_NAME = "API_TOKEN";

  /** The extra label of the sample app. */
  protected static final String EXTRA_LABEL = "aiappstore.org/card-id";

  private static KubernetesMockCluster cluster;

  private DeploymentBackendFactory factory;
  private Set<DeploymentCapability> capabilities;
  private DeploymentBackend backend;
  private final List<String> deployedIds = new ArrayList<>();

  /** For subclasses. */
  protected DeploymentBackendContract() {}

  /**
   * The factory under test, as PF4J would create it.
   *
   * @return a factory
   */
  protected abstract DeploymentBackendFactory factory();

  /**
   * Raw configuration values that point a backend at an API server and a namespace; called per test
   * with the mock's URL, and with an unreachable URL for the connection check.
   *
   * @param apiServer the Kubernetes API server, e.g. {@code http://localhost:40123/}
   * @param namespace the namespace apps run in
   * @return values valid against the factory's schema
   */
  protected abstract Map<String, String> config(URI apiServer, String namespace);

  /**
   * The host services passed to {@link DeploymentBackendFactory#create}.
   *
   * @return by default {@link ConnectorContext#defaults()}
   */
  protected ConnectorContext context() {
    return ConnectorContext.defaults();
  }

  @BeforeAll
  static void startCluster() {
    cluster = KubernetesMockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @BeforeEach
  final void createBackend() {
    factory = factory();
    assertThat(factory).as("factory()").isNotNull();
    capabilities = Set.copyOf(factory.capabilities());
    backend = create(config(cluster.apiServer(), cluster.namespace()));
    assertThat(backend).as("created backend").isNotNull();
  }

  @AfterEach
  final void deleteAppsAndCloseBackend() {
    try {
      for (String appId : deployedIds) {
        try {
          backend.delete(appId);
          cluster.client().pods().withLabel(AppLabels.APP_ID, appId).delete();
        } catch (RuntimeException e) {
          // Cleanup only: the assertion that failed first is the one to report.
        }
      }
    } finally {
      backend.close();
    }
  }

  /**
   * The cluster of this test class.
   *
   * @return the running mock cluster
   */
  protected static KubernetesMockCluster cluster() {
    return cluster;
  }

  /**
   * The backend of the current test.
   *
   * @return the open backend
   */
  protected final DeploymentBackend backend() {
    return backend;
  }

  /**
   * The capabilities the factory declares.
   *
   * @return the declared capabilities
   */
  protected final Set<DeploymentCapability> capabilities() {
    return capabilities;
  }

  /**
   * Creates another backend of the factory, closed by the caller.
   *
   * @param values raw configuration values
   * @return the backend
   */
  protected final DeploymentBackend create(Map<String, String> values) {
    return factory.create(ConnectorConfig.of(factory.configSchema(), values), context());
  }

  /**
   * A new sample app with a fresh id and name: {@value #IMAGE} on port {@value #PORT}, a plain and
   * a secret variable, 1 to 3 replicas and an extra label.
   *
   * @return a builder, to change before building
   */
  protected final AppSpec.Builder app() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    return AppSpec.builder("tck" + suffix, "tck-" + suffix, IMAGE, PORT)
        .env(PLAIN_NAME, "hello")
        .secretEnv(SECRET_NAME, "tck-secret-" + suffix)
        .replicas(1, 3)
        .label(EXTRA_LABEL, "card-" + suffix);
  }

  /**
   * Deploys an app and deletes it after the test.
   *
   * @param spec the app
   * @return what {@link DeploymentBackend#deploy} returned
   */
  protected final AppStatus deploy(AppSpec spec) {
    deployedIds.add(spec.appId());
    return backend.deploy(spec);
  }

  /**
   * The objects the backend renders for an app.
   *
   * @param spec the app
   * @return the manifests
   */
  protected final List<RenderedManifest> manifests(AppSpec spec) {
    assumeTrue(capabilities.contains(DeploymentCapability.PREVIEW), "PREVIEW not declared");
    return backend.preview(spec).documents();
  }

  /**
   * Reads a rendered object from the cluster.
   *
   * @param manifest the rendered object
   * @return the object, or empty if it does not exist
   */
  protected final Optional<GenericKubernetesResource> find(RenderedManifest manifest) {
    return Optional.ofNullable(
        cluster
            .client()
            .genericKubernetesResources(definition(manifest))
            .inNamespace(cluster.namespace())
            .withName(manifest.name())
            .get());
  }

  /**
   * The objects of a rendered kind that carry an app's id label.
   *
   * @param manifest a rendered object, for its kind
   * @param appId the app id
   * @return the objects
   */
  protected final List<GenericKubernetesResource> labelled(
      RenderedManifest manifest, String appId) {
    return cluster
        .client()
        .genericKubernetesResources(definition(manifest))
        .inNamespace(cluster.namespace())
        .withLabel(AppLabels.APP_ID, appId)
        .list()
        .getItems();
  }

  /**
   * The rendered object that runs the app's containers.
   *
   * @param spec the app
   * @return the workload's manifest
   */
  protected final RenderedManifest workloadManifest(AppSpec spec) {
    return manifests(spec).stream()
        .filter(m -> !containers(parse(m)).isEmpty())
        .findFirst()
        .orElseThrow(() -> new AssertionError("No rendered object has containers"));
  }

  /**
   * The workload of a deployed app, read from the cluster.
   *
   * @param spec the app
   * @return the workload
   */
  protected final GenericKubernetesResource workload(AppSpec spec) {
    RenderedManifest manifest = workloadManifest(spec);
    return find(manifest)
        .orElseThrow(() -> new AssertionError("No " + manifest.kind() + " " + manifest.name()));
  }

  /**
   * The app's own container of a workload: the first of its containers.
   *
   * @param workload the workload
   * @return the container as a map
   */
  protected final Map<String, Object> appContainer(GenericKubernetesResource workload) {
    List<Map<String, Object>> containers = containers(workload);
    assertThat(containers).as("containers of %s", workload.getKind()).isNotEmpty();
    return containers.get(0);
  }

  /**
   * The labels of a workload's pod template, which the pods a controller creates carry.
   *
   * @param workload the workload
   * @return the labels
   */
  @SuppressWarnings("unchecked")
  protected final Map<String, String> podTemplateLabels(GenericKubernetesResource workload) {
    Object template = findKey(asMap(workload), "template");
    assertThat(template).as("pod template of %s", workload.getKind()).isInstanceOf(Map.class);
    Map<String, Object> metadata =
        (Map<String, Object>) ((Map<String, Object>) template).get("metadata");
    return (Map<String, String>) metadata.get("labels");
  }

  /**
   * Adds a pod of a deployed app as its controller would, with the app container's name.
   *
   * @param spec the app
   * @param ready whether the pod is ready
   * @return the pod name
   */
  protected final String addPod(AppSpec spec, boolean ready) {
    GenericKubernetesResource workload = workload(spec);
    String pod = spec.name() + "-" + UUID.randomUUID().toString().substring(0, 5);
    cluster.addPod(
        pod,
        podTemplateLabels(workload),
        ready,
        String.valueOf(appContainer(workload).get("name")));
    return pod;
  }

  /**
   * The effective value of a plain environment variable of the app container, after Kubernetes'
   * {@code $(VAR)} expansion.
   *
   * @param workload the workload
   * @param name the variable name
   * @return the value, or empty if the variable has no literal value
   */
  @SuppressWarnings("unchecked")
  protected final Optional<String> envValue(GenericKubernetesResource workload, String name) {
    List<Map<String, Object>> env =
        (List<Map<String, Object>>) appContainer(workload).getOrDefault("env", List.of());
    Set<String> defined = new HashSet<>();
    for (Map<String, Object> variable : env) {
      if (name.equals(variable.get("name"))) {
        Object value = variable.get("value");
        return value == null ? Optional.empty() : Optional.of(expand((String) value, defined));
      }
      defined.add(String.valueOf(variable.get("name")));
    }
    return Optional.empty();
  }

  /**
   * The value of a key of the app's Secret(s), decoded.
   *
   * @param spec the app
   * @param key the key
   * @return the value, or empty if no Secret of the app holds the key
   */
  @SuppressWarnings("unchecked")
  protected final Optional<String> secretValue(AppSpec spec, String key) {
    for (GenericKubernetesResource secret :
        cluster
            .client()
            .genericKubernetesResources("v1", "Secret")
            .inNamespace(cluster.namespace())
            .withLabel(AppLabels.APP_ID, spec.appId())
            .list()
            .getItems()) {
      Map<String, Object> data =
          (Map<String, Object>) secret.getAdditionalProperties().getOrDefault("data", Map.of());
      if (data.get(key) != null) {
        return Optional.of(
            new String(Base64.getDecoder().decode((String) data.get(key)), StandardCharsets.UTF_8));
      }
      Map<String, Object> stringData =
          (Map<String, Object>)
              secret.getAdditionalProperties().getOrDefault("stringData", Map.of());
      if (stringData.get(key) != null) {
        return Optional.of((String) stringData.get(key));
      }
    }
    return Optional.empty();
  }

  /**
   * An object as JSON.
   *
   * @param resource the object
   * @return its JSON
   */
  protected final String json(GenericKubernetesResource resource) {
    return cluster.client().getKubernetesSerialization().asJson(resource);
  }

  /**
   * Parses a rendered document.
   *
   * @param manifest the document
   * @return the object
   */
  protected final GenericKubernetesResource parse(RenderedManifest manifest) {
    return cluster
        .client()
        .getKubernetesSerialization()
        .unmarshal(manifest.yaml(), GenericKubernetesResource.class);
  }

  /**
   * Asserts that a call fails with a platform error of a code.
   *
   * @param call the call
   * @param code the expected code
   */
  protected static void assertPlatformError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).as("code of %s", e.getMessage()).isEqualTo(code));
  }

  /**
   * Waits until a condition holds, polling.
   *
   * @param condition the condition
   * @return whether it held within {@link #WAIT}
   * @throws InterruptedException if interrupted
   */
  protected static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Describing the backend and checking the connection. */
  @Nested
  public class WhenDescribingAndChecking {

    @Test
    void shouldDescribeItselfAndAcceptTheTestConfiguration() {
      assertSoftly(
          s -> {
            s.assertThat(factory.descriptor()).isNotNull();
            s.assertThat(factory.capabilities()).isNotNull();
            s.assertThat(
                    factory
                        .configSchema()
                        .validate(config(cluster.apiServer(), cluster.namespace())))
                .isEmpty();
          });
    }

    @Test
    void shouldReportAWorkingConnection() {
      ConnectionCheck check = backend.checkConnection();

      assertThat(check.ok()).as("ok of %s", check).isTrue();
      assertThat(check.detail()).isNotBlank();
    }

    @Test
    void shouldReportAnUnreachableApiServerAsRetryableWithoutThrowing() {
      try (DeploymentBackend unreachable =
          create(config(URI.create("http://127.0.0.1:1/"), cluster.namespace()))) {
        long start = System.nanoTime();

        ConnectionCheck check = unreachable.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isTrue();
        assertThat(check.detail()).isNotBlank();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      }
    }
  }

  /** Rendering manifests without applying them. */
  @Nested
  public class WhenPreviewing {

    @Test
    void shouldRenderParsableDocumentsNamingTheirObjects() {
      AppSpec spec = app().build();

      RenderedManifests rendered = backend.preview(spec);

      assertThat(rendered.documents()).isNotEmpty();
      for (RenderedManifest manifest : rendered.documents()) {
        GenericKubernetesResource object = parse(manifest);
        assertSoftly(
            s -> {
              s.assertThat(object.getApiVersion()).isEqualTo(manifest.apiVersion());
              s.assertThat(object.getKind()).isEqualTo(manifest.kind());
              s.assertThat(object.getMetadata().getName()).isEqualTo(manifest.name());
              s.assertThat(object.getMetadata().getLabels())
                  .as("labels of %s", manifest.kind())
                  .containsEntry(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE)
                  .containsEntry(AppLabels.APP_ID, spec.appId())
                  .containsEntry(AppLabels.NAME, spec.name())
                  .containsEntry(EXTRA_LABEL, spec.labels().get(EXTRA_LABEL));
            });
      }
      assertThat(rendered.yaml()).startsWith("---\n");
    }

    @Test
    void shouldRenderTheImagePortAndPlainEnvironment() {
      AppSpec spec = app().port(8501).build();

      RenderedManifest workload = workloadManifest(spec);

      Map<String, Object> container = appContainer(parse(workload));
      assertThat(container.get("image")).isEqualTo(IMAGE);
      assertThat(String.valueOf(container.get("ports"))).contains("containerPort=8501");
      assertThat(envValue(parse(workload), PLAIN_NAME)).contains("hello");
      assertThat(podTemplateLabels(parse(workload)))
          .containsEntry(AppLabels.APP_ID, spec.appId())
          .containsEntry(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE);
    }

    @Test
    void shouldNeverRenderASecretValue() {
      AppSpec spec = app().build();
      String secret = spec.secretEnv().get(SECRET_NAME);

      String yaml = backend.preview(spec).yaml();

      assertThat(yaml)
          .contains(SECRET_NAME)
          .doesNotContain(secret)
          .doesNotContain(base64(secret))
          .doesNotContain(base64(secret).substring(0, 12));
      assertThat(manifests(spec)).anyMatch(m -> m.kind().equals("Secret"));
    }

    @Test
    void shouldCreateNothing() {
      AppSpec spec = app().build();

      List<RenderedManifest> rendered = manifests(spec);

      for (RenderedManifest manifest : rendered) {
        assertThat(labelled(manifest, spec.appId())).as(manifest.kind()).isEmpty();
      }
    }
  }

  /** Creating apps. */
  @Nested
  public class WhenDeploying {

    @Test
    void shouldCreateEveryRenderedObjectWithItsLabels() {
      AppSpec spec = app().build();

      AppStatus status = deploy(spec);

      assertThat(status.appId()).isEqualTo(spec.appId());
      for (RenderedManifest manifest : manifests(spec)) {
        assertThat(find(manifest))
            .as("%s %s", manifest.kind(), manifest.name())
            .get()
            .satisfies(
                object ->
                    assertThat(object.getMetadata().getLabels())
                        .containsEntry(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE)
                        .containsEntry(AppLabels.APP_ID, spec.appId())
                        .containsEntry(EXTRA_LABEL, spec.labels().get(EXTRA_LABEL)));
      }
      assertThat(workload(spec).getMetadata().getCreationTimestamp()).isNotBlank();
    }

    @Test
    void shouldRefuseToDeployTheSameAppTwice() {
      AppSpec spec = app().build();
      deploy(spec);

      assertPlatformError(() -> backend.deploy(spec), PlatformErrors.CONFLICT);
    }

    @Test
    void shouldRefuseANameAnotherAppUses() {
      AppSpec first = app().build();
      deploy(first);
      AppSpec second = AppSpec.builder("other" + first.appId(), first.name(), IMAGE, PORT).build();

      assertPlatformError(() -> deploy(second), PlatformErrors.CONFLICT);
      assertThat(envValue(workload(first), PLAIN_NAME)).contains("hello");
    }

    @Test
    void shouldRefuseMaskedSecretsForANewApp() {
      AppSpec spec = app().build().withMaskedSecrets();

      assertPlatformError(() -> deploy(spec), PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRefuseResourcesBeyondTheAdministratorsMaxima() {
      AppSpec spec = app().resources(new AppResources("1", "100000", null, null, 0)).build();

      assertPlatformError(() -> deploy(spec), PlatformErrors.INVALID_ARGUMENT);
      assertPlatformError(
          () -> deploy(app().resources(new AppResources(null, null, null, "100Pi", 0)).build()),
          PlatformErrors.INVALID_ARGUMENT);
      assertPlatformError(
          () -> deploy(app().replicas(1, AppSpec.MAX_REPLICAS).build()),
          PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRequestWholeGpusAsLimits() {
      assumeTrue(capabilities.contains(DeploymentCapability.GPU), "GPU not declared");
      AppSpec spec = app().resources(AppResources.none().withGpus(1)).build();
      deploy(spec);

      assertThat(String.valueOf(appContainer(workload(spec)).get("resources")))
          .contains("nvidia.com/gpu=1");
      assertPlatformError(
          () ->
              deploy(app().resources(AppResources.none().withGpus(AppResources.MAX_GPUS)).build()),
          PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRefuseGpusWhenNotDeclared() {
      assumeFalse(capabilities.contains(DeploymentCapability.GPU), "GPU declared");

      assertPlatformError(
          () -> deploy(app().resources(AppResources.none().withGpus(1)).build()),
          PlatformErrors.NOT_SUPPORTED);
    }

    @Test
    void shouldRefuseScaleToZeroWhenNotDeclared() {
      assumeFalse(
          capabilities.contains(DeploymentCapability.SCALE_TO_ZERO), "SCALE_TO_ZERO declared");

      assertPlatformError(
          () -> deploy(app().scaleToZero(true).build()), PlatformErrors.NOT_SUPPORTED);
    }

    @Test
    void shouldSetResourceLimits() {
      AppSpec spec = app().resources(new AppResources("250m", "1", "256Mi", "1Gi", 0)).build();
      deploy(spec);

      Object resources = appContainer(workload(spec)).get("resources");

      assertThat(String.valueOf(resources))
          .contains("limits={")
          .contains("cpu=1")
          .contains("memory=1Gi")
          .contains("cpu=250m")
          .contains("memory=256Mi");
    }
  }

  /** Secret environment values. */
  @Nested
  public class WhenKeepingSecrets {

    @Test
    void shouldStoreSecretValuesInASecretOnly() {
      AppSpec spec = app().build();
      String secret = spec.secretEnv().get(SECRET_NAME);
      deploy(spec);

      assertThat(secretValue(spec, SECRET_NAME)).contains(secret);
      for (RenderedManifest manifest : manifests(spec)) {
        if (!manifest.kind().equals("Secret")) {
          assertThat(json(find(manifest).orElseThrow()))
              .as("%s %s", manifest.kind(), manifest.name())
              .doesNotContain(secret)
              .doesNotContain(base64(secret));
        }
      }
      assertThat(String.valueOf(appContainer(workload(spec)).get("env")))
          .contains("secretKeyRef")
          .contains(SECRET_NAME);
      assertThat(envValue(workload(spec), SECRET_NAME)).isEmpty();
    }

    @Test
    void shouldKeepAStoredValueWhenUpdatedWithTheMask() {
      AppSpec spec = app().build();
      deploy(spec);

      backend.update(spec.withMaskedSecrets().toBuilder().env(PLAIN_NAME, "changed").build());

      assertThat(secretValue(spec, SECRET_NAME)).contains(spec.secretEnv().get(SECRET_NAME));
      assertThat(envValue(workload(spec), PLAIN_NAME)).contains("changed");
    }

    @Test
    void shouldReplaceAndRemoveSecretValues() {
      AppSpec spec = app().secretEnv("OTHER", "second-secret").build();
      deploy(spec);

      backend.update(spec.toBuilder().secretEnv(Map.of(SECRET_NAME, "rotated-secret")).build());

      assertThat(secretValue(spec, SECRET_NAME)).contains("rotated-secret");
      assertThat(secretValue(spec, "OTHER")).isEmpty();
      assertThat(String.valueOf(appContainer(workload(spec)).get("env"))).doesNotContain("OTHER");
    }

    @Test
    void shouldNeverReturnASecretValueInAStatus() {
      AppSpec spec = app().build();

      AppStatus status = deploy(spec);

      assertThat(status.toString()).doesNotContain(spec.secretEnv().get(SECRET_NAME));
      assertThat(backend.status(spec.appId()).toString())
          .doesNotContain(spec.secretEnv().get(SECRET_NAME));
    }
  }

  /**
   * Values that YAML, HTML escaping, template engines or Kubernetes' {@code $(VAR)} expansion would
   * mangle.
   *
   * @return the values
   */
  public static List<String> trickyValues() {
    return List.of(
        "a: b\n- c",
        "{{x}}",
        "'",
        "\"",
        "\\",
        "it's \"quoted\" \\n not a newline",
        "[(${x})]",
        "[[${x}]]",
        "[# th:each=\"x : ${y}\"]",
        "<b>&amp;</b> &lt;",
        "# not a comment",
        "key: value",
        "- item",
        "---",
        "...",
        "yes",
        "null",
        "~",
        "0x10",
        "1e3",
        "010",
        "  leading and trailing  ",
        "\ttab",
        "line1\r\nline2\n",
        "ünïcödé 日本語 😀",
        "%{x} ${HOME}",
        "$(GREETING)",
        "$$(GREETING)",
        "a$b$",
        "*alias &anchor !tag |",
        ">",
        "@at `tick`",
        "",
        "\u0085next\u2028line\u2029para\uFEFF",
        "\u001b[31mred\u0007");
  }

  /** Values that YAML, HTML escaping or template engines would mangle. */
  @Nested
  public class WhenValuesNeedEscaping {

    @ParameterizedTest
    @MethodSource("org.aiappstore.plugin.tck.deployment.DeploymentBackendContract#trickyValues")
    void shouldPreviewTheValueExactly(String value) {
      AppSpec spec = app().env("VALUE", value).secretEnv("SECRET_VALUE", value).build();

      assertThat(envValue(parse(workloadManifest(spec)), "VALUE")).contains(value);
    }

    @Test
    void shouldDeployEveryValueExactly() {
      List<String> values = trickyValues();
      AppSpec.Builder builder = app();
      for (int i = 0; i < values.size(); i++) {
        builder.env("VALUE_" + i, values.get(i)).secretEnv("SECRET_VALUE_" + i, values.get(i));
      }
      AppSpec spec = builder.build();

      deploy(spec);

      GenericKubernetesResource workload = workload(spec);
      assertSoftly(
          s -> {
            for (int i = 0; i < values.size(); i++) {
              s.assertThat(envValue(workload, "VALUE_" + i))
                  .as("VALUE_%d", i)
                  .contains(values.get(i));
              s.assertThat(secretValue(spec, "SECRET_VALUE_" + i))
                  .as("SECRET_VALUE_%d", i)
                  .contains(values.get(i));
            }
          });
    }
  }

  /** Observing apps. */
  @Nested
  public class WhenReadingStatus {

    @Test
    void shouldDescribeANewApp() {
      AppSpec spec = app().replicas(2, 3).build();
      deploy(spec);

      AppStatus status = backend.status(spec.appId());

      assertSoftly(
          s -> {
            s.assertThat(status.appId()).isEqualTo(spec.appId());
            s.assertThat(status.name()).isEqualTo(spec.name());
            s.assertThat(status.phase())
                .isIn(AppPhase.PENDING, AppPhase.DEPLOYING, AppPhase.RUNNING);
            s.assertThat(status.wantedReplicas()).isEqualTo(2);
            s.assertThat(status.readyReplicas()).isZero();
            s.assertThat(status.ready()).isFalse();
            s.assertThat(status.message()).isNotBlank();
          });
    }

    @Test
    void shouldCountReadyPodsAndListThem() {
      AppSpec spec = app().build();
      deploy(spec);
      String pod = addPod(spec, true);

      AppStatus status = backend.status(spec.appId());

      assertThat(status.readyReplicas()).isEqualTo(1);
      assertThat(status.pods())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.name()).isEqualTo(pod);
                assertThat(p.ready()).isTrue();
                assertThat(p.containers()).isNotEmpty();
                assertThat(p.createdAt()).isNotNull();
              });
    }

    @Test
    void shouldReportRecentEventsOfItsPods() {
      AppSpec spec = app().build();
      deploy(spec);
      String pod = addPod(spec, false);
      Instant now = Instant.now();
      cluster.addEvent(
          "Pod", pod, "Normal", "Scheduled", "Assigned to node-1", now.minusSeconds(60));
      cluster.addEvent("Pod", pod, "Warning", "BackOff", "Back-off pulling image", now);
      cluster.addEvent("Pod", "someone-else", "Warning", "Failed", "not ours", now);

      AppStatus status = backend.status(spec.appId());

      assertThat(status.events())
          .extracting(AppEvent::reason)
          .containsExactly("BackOff", "Scheduled");
      assertThat(status.events().get(0).object()).contains(pod);
      assertThat(status.events().get(0).warning()).isTrue();
      assertThat(status.events().get(0).time()).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void shouldReportAFailingImage() {
      AppSpec spec = app().build();
      deploy(spec);
      String pod = addPod(spec, false);
      cluster.setWaiting(pod, "ImagePullBackOff", "Back-off pulling image \"" + IMAGE + "\"", 0);

      AppStatus status = backend.status(spec.appId());

      assertThat(status.phase()).isEqualTo(AppPhase.FAILED);
      assertThat(status.ready()).isFalse();
      assertThat(status.message()).contains("ImagePullBackOff");
    }

    @Test
    void shouldNotFindAnUnknownApp() {
      assertPlatformError(() -> backend.status("tck-unknown-app"), PlatformErrors.NOT_FOUND);
    }
  }

  /** Changing apps. */
  @Nested
  public class WhenUpdating {

    @Test
    void shouldChangeImagePortAndEnvironment() {
      AppSpec spec = app().build();
      deploy(spec);

      backend.update(
          spec.toBuilder()
              .image("registry.example.com/tck/demo@sha256:" + "ab".repeat(32))
              .port(8080)
              .env("ADDED", "new")
              .build());

      Map<String, Object> container = appContainer(workload(spec));
      assertThat(container.get("image"))
          .isEqualTo("registry.example.com/tck/demo@sha256:" + "ab".repeat(32));
      assertThat(String.valueOf(container.get("ports"))).contains("containerPort=8080");
      assertThat(envValue(workload(spec), "ADDED")).contains("new");
    }

    @Test
    void shouldChangeResources() {
      AppSpec spec = app().build();
      deploy(spec);

      backend.update(
          spec.toBuilder().resources(new AppResources("100m", "2", "128Mi", "2Gi", 0)).build());

      assertThat(String.valueOf(appContainer(workload(spec)).get("resources")))
          .contains("cpu=2")
          .contains("memory=2Gi");
    }

    @Test
    void shouldNotFindAnUnknownApp() {
      assertPlatformError(() -> backend.update(app().build()), PlatformErrors.NOT_FOUND);
    }

    @Test
    void shouldRefuseToRenameAnApp() {
      AppSpec spec = app().build();
      deploy(spec);
      AppSpec renamed =
          AppSpec.builder(spec.appId(), spec.name() + "-x", IMAGE, PORT)
              .secretEnv(spec.secretEnv())
              .build();

      assertThatThrownBy(() -> backend.update(renamed)).isInstanceOf(PlatformException.class);
      assertThat(workload(spec)).isNotNull();
    }
  }

  /** Setting the number of instances. */
  @Nested
  public class WhenScaling {

    @Test
    void shouldSetTheWantedReplicasAndKeepThemAcrossUpdates() {
      AppSpec spec = app().replicas(1, 3).build();
      deploy(spec);

      AppStatus scaled = backend.scale(spec.appId(), 3);

      assertThat(scaled.wantedReplicas()).isEqualTo(3);
      assertThat(backend.status(spec.appId()).wantedReplicas()).isEqualTo(3);
      backend.update(spec.withMaskedSecrets().toBuilder().env(PLAIN_NAME, "x").build());
      assertThat(backend.status(spec.appId()).wantedReplicas()).isEqualTo(3);
      backend.update(spec.withMaskedSecrets().toBuilder().replicas(1, 2).build());
      assertThat(backend.status(spec.appId()).wantedReplicas()).as("clamped").isEqualTo(2);
    }

    @Test
    void shouldRefuseMoreThanTheMaximum() {
      AppSpec spec = app().replicas(1, 2).build();
      deploy(spec);

      assertPlatformError(() -> backend.scale(spec.appId(), 3), PlatformErrors.INVALID_ARGUMENT);
      assertPlatformError(() -> backend.scale(spec.appId(), -1), PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldStopAtZeroAndStartAgainOnAnyBackend() {
      AppSpec spec = app().build();
      deploy(spec);

      // The phase that follows is the backend's to tell (KNative waits for its own controller).
      assertThat(backend.scale(spec.appId(), 0).wantedReplicas()).isZero();

      assertThat(backend.scale(spec.appId(), 1).wantedReplicas()).isEqualTo(1);
    }

    @Test
    void shouldKeepAStoppedAppStoppedOnUpdateAndRestore() {
      AppSpec spec = app().build();
      deploy(spec);
      backend.scale(spec.appId(), 0);

      assertThat(backend.update(spec).wantedReplicas()).isZero();
      assertThat(backend.restore(spec).wantedReplicas()).isZero();
    }

    @Test
    void shouldNotFindAnUnknownApp() {
      assertPlatformError(() -> backend.scale("tck-unknown-app", 1), PlatformErrors.NOT_FOUND);
    }
  }

  /** Repairing apps. */
  @Nested
  public class WhenRestoring {

    @Test
    void shouldRecreateEachDeletedObject() {
      AppSpec spec = app().build();
      deploy(spec);

      for (RenderedManifest manifest : manifests(spec)) {
        if (manifest.kind().equals("Secret")) {
          continue;
        }
        cluster
            .client()
            .genericKubernetesResources(definition(manifest))
            .inNamespace(cluster.namespace())
            .withName(manifest.name())
            .delete();
        assertThat(find(manifest)).as("deleted %s", manifest.kind()).isEmpty();

        backend.restore(spec.withMaskedSecrets());

        assertThat(find(manifest)).as("restored %s", manifest.kind()).isPresent();
      }
      assertThat(secretValue(spec, SECRET_NAME)).contains(spec.secretEnv().get(SECRET_NAME));
    }

    @Test
    void shouldResetAChangedWorkloadAndKeepTheScale() {
      AppSpec spec = app().build();
      deploy(spec);
      backend.scale(spec.appId(), 2);
      GenericKubernetesResource changed = workload(spec);
      appContainer(changed).put("image", "registry.example.com/evil/miner:1");
      cluster
          .client()
          .genericKubernetesResources(definition(workloadManifest(spec)))
          .inNamespace(cluster.namespace())
          .resource(changed)
          .update();

      backend.restore(spec.withMaskedSecrets());

      assertThat(appContainer(workload(spec)).get("image")).isEqualTo(IMAGE);
      assertThat(backend.status(spec.appId()).wantedReplicas()).isEqualTo(2);
    }

    @Test
    void shouldRefuseMaskedSecretsWhoseSecretIsGone() {
      AppSpec spec = app().build();
      deploy(spec);
      cluster
          .client()
          .secrets()
          .inNamespace(cluster.namespace())
          .withLabel(AppLabels.APP_ID, spec.appId())
          .delete();

      assertPlatformError(() -> backend.restore(spec.withMaskedSecrets()), PlatformErrors.CONFLICT);
      backend.restore(spec);
      assertThat(secretValue(spec, SECRET_NAME)).contains(spec.secretEnv().get(SECRET_NAME));
    }
  }

  /** Deleting apps. */
  @Nested
  public class WhenDeleting {

    @Test
    void shouldDeleteEverythingLabelledWithTheAppIdOnly() {
      AppSpec spec = app().build();
      AppSpec other = app().build();
      deploy(spec);
      deploy(other);

      assertThat(backend.delete(spec.appId())).isTrue();

      for (RenderedManifest manifest : manifests(spec)) {
        assertThat(labelled(manifest, spec.appId())).as(manifest.kind()).isEmpty();
      }
      for (RenderedManifest manifest : manifests(other)) {
        assertThat(find(manifest)).as("other app's %s", manifest.kind()).isPresent();
      }
      assertPlatformError(() -> backend.status(spec.appId()), PlatformErrors.NOT_FOUND);
    }

    @Test
    void shouldBeIdempotent() {
      AppSpec spec = app().build();
      deploy(spec);

      assertThat(backend.delete(spec.appId())).isTrue();
      assertThat(backend.delete(spec.appId())).isFalse();
      assertThat(backend.delete("tck-never-deployed")).isFalse();
    }
  }

  /** Listing apps for the host's reconciler; needs {@link DeploymentCapability#LIST_MANAGED}. */
  @Nested
  public class WhenListing {

    @Test
    void shouldListDeployedAppsWithTheirCreationTime() {
      assumeTrue(capabilities.contains(DeploymentCapability.LIST_MANAGED), "not declared");
      AppSpec first = app().build();
      AppSpec second = app().build();
      Instant before = Instant.now().minusSeconds(5);
      deploy(first);
      deploy(second);

      Map<String, ManagedApp> listed = new LinkedHashMap<>();
      backend.listManaged().forEach(app -> listed.put(app.appId(), app));

      assertThat(listed).containsKeys(first.appId(), second.appId());
      ManagedApp app = listed.get(first.appId());
      assertThat(app.name()).isEqualTo(first.name());
      assertThat(app.createdAt()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
      assertThat(app.deleting()).isFalse();
      assertThat(app.labels()).containsEntry(EXTRA_LABEL, first.labels().get(EXTRA_LABEL));

      backend.delete(first.appId());

      assertThat(backend.listManaged()).extracting(ManagedApp::appId).doesNotContain(first.appId());
    }

    @Test
    void shouldIgnoreObjectsItDoesNotManage() {
      assumeTrue(capabilities.contains(DeploymentCapability.LIST_MANAGED), "not declared");
      AppSpec spec = app().build();
      GenericKubernetesResource foreign = parse(workloadManifest(spec));
      foreign.getMetadata().setName("foreign-" + spec.name());
      foreign.getMetadata().setLabels(Map.of(AppLabels.APP_ID, "foreign"));
      cluster
          .client()
          .genericKubernetesResources(definition(workloadManifest(spec)))
          .inNamespace(cluster.namespace())
          .resource(foreign)
          .create();
      try {
        assertThat(backend.listManaged()).extracting(ManagedApp::appId).doesNotContain("foreign");
      } finally {
        cluster
            .client()
            .genericKubernetesResources(definition(workloadManifest(spec)))
            .inNamespace(cluster.namespace())
            .withName("foreign-" + spec.name())
            .delete();
      }
    }

    @Test
    void shouldRefuseListingWhenNotDeclared() {
      assumeFalse(capabilities.contains(DeploymentCapability.LIST_MANAGED), "declared");

      assertPlatformError(() -> backend.listManaged(), PlatformErrors.NOT_SUPPORTED);
    }
  }

  /** Reading logs; needs {@link DeploymentCapability#LOGS}. */
  @Nested
  public class WhenReadingLogs {

    private AppSpec spec;
    private String pod;
    private String container;
    private Instant start;

    @BeforeEach
    void deployAppWithLogs() {
      assumeTrue(capabilities.contains(DeploymentCapability.LOGS), "LOGS not declared");
      spec = app().build();
      deploy(spec);
      pod = addPod(spec, true);
      container = String.valueOf(appContainer(workload(spec)).get("name"));
      start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
      for (int i = 1; i <= 5; i++) {
        cluster.appendLog(pod, container, start.plusSeconds(i), "line " + i);
      }
    }

    @Test
    void shouldTailTheLastLinesThenEnd() throws Exception {
      RecordingLogListener listener = new RecordingLogListener();

      try (LogSubscription subscription =
          backend.logs(spec.appId(), LogRequest.tail(2), listener)) {
        assertThat(listener.awaitFinish(WAIT)).isTrue();
        assertThat(subscription.isOpen()).isFalse();
      }

      assertThat(listener.ended()).isTrue();
      assertThat(listener.finishes()).isEqualTo(1);
      assertThat(listener.breaches()).isEmpty();
      assertThat(listener.lines())
          .containsExactly(
              new RecordingLogListener.Line(pod, container, "line 4", start.plusSeconds(4)),
              new RecordingLogListener.Line(pod, container, "line 5", start.plusSeconds(5)));
    }

    @Test
    void shouldReadLinesSinceAnInstant() throws Exception {
      RecordingLogListener listener = new RecordingLogListener();

      backend.logs(
          spec.appId(),
          new LogRequest(null, start.plusSeconds(3), pod, container, false),
          listener);

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.texts()).containsExactly("line 3", "line 4", "line 5");
    }

    @Test
    void shouldNotFindAnUnknownAppPodOrContainer() {
      RecordingLogListener listener = new RecordingLogListener();

      assertPlatformError(
          () -> backend.logs("tck-unknown-app", LogRequest.tail(1), listener),
          PlatformErrors.NOT_FOUND);
      assertPlatformError(
          () -> backend.logs(spec.appId(), LogRequest.tail(1).withPod("not-its-pod"), listener),
          PlatformErrors.NOT_FOUND);
      assertPlatformError(
          () -> backend.logs(spec.appId(), LogRequest.tail(1).withContainer("no-such"), listener),
          PlatformErrors.NOT_FOUND);
      assertThat(listener.finishes()).isZero();
    }

    @Test
    void shouldFollowIncrementallyAcrossReconnectsAndNewPodsUntilClosed() throws Exception {
      RecordingLogListener listener = new RecordingLogListener();

      LogSubscription subscription = backend.logs(spec.appId(), LogRequest.follow(2), listener);
      try {
        assertThat(listener.awaitLines(l -> l.size() >= 2, WAIT)).isTrue();
        Instant last = start.plusSeconds(5);
        cluster.appendLog(pod, container, last, "same second as line 5");
        cluster.appendLog(pod, container, last.plusMillis(1), "line 6");
        assertThat(listener.awaitLines(l -> l.size() >= 4, WAIT)).isTrue();
        int requests = cluster.logRequests(pod);
        assertThat(eventually(() -> cluster.logRequests(pod) > requests + 1))
            .as("reconnected")
            .isTrue();
        String replacement = addPod(spec, true);
        cluster.appendLog(replacement, container, Instant.now(), "from the new pod");
        assertThat(listener.awaitLines(l -> l.size() >= 5, WAIT)).isTrue();
      } finally {
        subscription.close();
      }

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(subscription.isOpen()).isFalse();
      assertThat(listener.texts())
          .containsExactly(
              "line 4", "line 5", "same second as line 5", "line 6", "from the new pod");
      assertThat(listener.lines().get(4).pod()).isNotEqualTo(pod);
      cluster.appendLog(pod, container, Instant.now(), "after close");
      int afterClose = cluster.logRequests(pod);
      listener.awaitLines(l -> false, Duration.ofMillis(1500));
      assertThat(listener.texts()).doesNotContain("after close");
      assertThat(cluster.logRequests(pod)).as("no request after close").isEqualTo(afterClose);
      assertThat(listener.ended()).isTrue();
      assertThat(listener.finishes()).isEqualTo(1);
      assertThat(listener.breaches()).isEmpty();
    }

    @Test
    void shouldEndWithNotFoundWhenTheFollowedAppIsDeleted() throws Exception {
      RecordingLogListener listener = new RecordingLogListener();
      backend.logs(spec.appId(), LogRequest.follow(0), listener);

      backend.delete(spec.appId());
      cluster.removePod(pod);

      assertThat(listener.awaitFinish(WAIT)).isTrue();
      assertThat(listener.error()).isNotNull();
      assertThat(listener.error().errorCode()).isEqualTo(PlatformErrors.NOT_FOUND);
      assertThat(listener.breaches()).isEmpty();
    }
  }

  /** Reading logs when the capability is not declared. */
  @Nested
  public class WhenLogsAreNotDeclared {

    @Test
    void shouldRefuseToReadLogs() {
      assumeFalse(capabilities.contains(DeploymentCapability.LOGS), "LOGS declared");

      assertPlatformError(
          () -> backend.logs("any", LogRequest.tail(1), new RecordingLogListener()),
          PlatformErrors.NOT_SUPPORTED);
    }
  }

  private static ResourceDefinitionContext definition(RenderedManifest manifest) {
    String apiVersion = manifest.apiVersion();
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(manifest.kind())
        .withPlural(Pluralize.toPlural(manifest.kind().toLowerCase(Locale.ROOT)))
        .withNamespaced(true)
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(GenericKubernetesResource resource) {
    return cluster.client().getKubernetesSerialization().convertValue(resource, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers(GenericKubernetesResource resource) {
    Object found = findKey(resource.getAdditionalProperties(), "containers");
    return found instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  private static Object findKey(Object node, String key) {
    if (node instanceof Map<?, ?> map) {
      if (map.containsKey(key)) {
        return map.get(key);
      }
      for (Object value : map.values()) {
        Object found = findKey(value, key);
        if (found != null) {
          return found;
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        Object found = findKey(value, key);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Kubernetes' expansion of an env value: $$ becomes $, $(NAME) of a defined NAME is replaced. */
  private static String expand(String value, Set<String> defined) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
        out.append('$');
        i++;
      } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '(') {
        int close = value.indexOf(')', i + 2);
        if (close > 0 && defined.contains(value.substring(i + 2, close))) {
          out.append("<expanded:").append(value, i + 2, close).append('>');
          i = close;
        } else {
          out.append(c);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
