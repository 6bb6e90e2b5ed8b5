package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.deployment.AppEvent;
import org.aiappstore.plugin.api.deployment.AppLabels;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppPod;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.InvalidAppSpecException;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.deployment.ManagedApp;
import org.aiappstore.plugin.api.deployment.RenderedManifest;
import org.aiappstore.plugin.api.deployment.RenderedManifests;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A deployment backend that renders an app's objects from templates and keeps them in one namespace
 * with fabric8: the common part of the KNative and Emissary backends. A subclass names its workload
 * kind and templates, adds its template variables, and interprets its workload's status.
 *
 * <p>Every object carries the {@link AppLabels}; the app is found by its {@link AppLabels#APP_ID}
 * and {@link AppLabels#BACKEND} labels, never by name alone. Objects are created, or replaced with
 * their {@code resourceVersion} (server-side apply does not exist in every cluster, nor in the mock
 * server), keeping what the cluster owns: annotations outside {@value #ANNOTATION_PREFIX} and a
 * Service's cluster IP. An unchanged object is not written again: on deploy and update an object
 * whose {@value #MANIFEST_HASH_ANNOTATION} matches its new rendering is left as the cluster keeps
 * it (with its defaults and what others added, e.g. {@code kubectl rollout restart}'s annotation),
 * and restore compares the object itself, so that it resets changed ones. A Secret is compared by
 * its values, so an unchanged Secret keeps its resourceVersion, which the pod template carries
 * ({@value #SECRET_VERSION_ANNOTATION}) to roll the pods when secret values change.
 */
public abstract class KubernetesBackend implements DeploymentBackend {

  /** The name of the app's container in every pod. */
  public static final String APP_CONTAINER = "app";

  /** The prefix of the annotations the backends own. */
  public static final String ANNOTATION_PREFIX = "aiappstore.org/";

  /** The wanted replicas, on the workload: set by deploy and scale, kept by update and restore. */
  public static final String REPLICAS_ANNOTATION = ANNOTATION_PREFIX + "replicas";

  /** The spec's maximum replicas, on the workload, for {@link #scale}. */
  public static final String MAX_REPLICAS_ANNOTATION = ANNOTATION_PREFIX + "max-replicas";

  /**
   * The SHA-256 of the rendered manifest, on every object but the Secret: an update leaves an
   * object alone whose rendering has not changed, rather than comparing it with the object the API
   * server defaulted (which never matches), so what others added (e.g. {@code
   * kubectl.kubernetes.io/restartedAt}) stays.
   */
  public static final String MANIFEST_HASH_ANNOTATION = ANNOTATION_PREFIX + "manifest-hash";

  /** The resourceVersion of the app's Secret, on the pod template. */
  public static final String SECRET_VERSION_ANNOTATION = ANNOTATION_PREFIX + "secret-version";

  /** The Secret template every backend shares. */
  public static final String SECRET_TEMPLATE = "kubernetes/secret.yaml";

  /** The container fragment every backend shares. */
  public static final String CONTAINER_TEMPLATE = "kubernetes/container.yaml";

  /** The probe handler fragment every backend shares (TCP, or HTTP on the health check path). */
  public static final String PROBE_TEMPLATE = "kubernetes/probe.yaml";

  /** The most events a status reports. */
  public static final int MAX_EVENTS = 20;

  /** The most log subscriptions open at once per backend. */
  public static final int MAX_LOG_SUBSCRIPTIONS = 64;

  /** The most bytes of one container's log read when not following. */
  public static final int LOG_LIMIT_BYTES = 4 * 1024 * 1024;

  /** One renderer per backend class: Thymeleaf caches parsed templates and expressions in it. */
  private static final Map<Class<?>, ManifestRenderer> RENDERERS = new ConcurrentHashMap<>();

  private final Definition definition;
  private final ClusterSettings cluster;
  private final AppPolicy policy;
  private final Clock clock;
  private final KubernetesClient client;
  private final ManifestRenderer renderer;
  private final ExecutorService logThreads;
  private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();
  private final LogFollower.Settings logSettings;
  private final ErrorCode notInstalled;

  /**
   * What a backend is made of.
   *
   * @param pluginId the plugin id, namespace of the backend's own error codes
   * @param backendId the connector id, value of the {@link AppLabels#BACKEND} label
   * @param capabilities what the backend declares
   * @param workloadKind the kind that runs the app's containers, one object per app named as the
   *     app
   * @param otherKinds the other kinds the backend creates, for deletion; Secrets are added
   * @param templates the templates of the objects other than the Secret, in apply order, relative
   *     to {@value ManifestRenderer#PREFIX} of the subclass's class loader
   * @param notInstalledMessage what to tell when the workload kind's API does not exist
   */
  public record Definition(
      String pluginId,
      String backendId,
      Set<DeploymentCapability> capabilities,
      ResourceDefinitionContext workloadKind,
      List<ResourceDefinitionContext> otherKinds,
      List<String> templates,
      String notInstalledMessage) {

    /**
     * Copies the collections.
     *
     * @param pluginId the plugin id
     * @param backendId the connector id
     * @param capabilities what the backend declares
     * @param workloadKind the kind that runs the app's containers
     * @param otherKinds the other kinds the backend creates
     * @param templates the templates other than the Secret
     * @param notInstalledMessage what to tell when the workload kind's API does not exist
     */
    public Definition {
      capabilities = Set.copyOf(capabilities);
      otherKinds = List.copyOf(otherKinds);
      templates = List.copyOf(templates);
    }
  }

  /**
   * What a backend observed of its workload.
   *
   * @param phase the phase
   * @param message what is going on, for a person to read
   */
  public record Observation(AppPhase phase, String message) {}

  /**
   * Creates the backend and its client; does not contact the cluster.
   *
   * @param definition what the backend is made of
   * @param cluster where the cluster is
   * @param policy what apps may use
   * @param clock the clock
   * @param logSettings timing of log following
   */
  protected KubernetesBackend(
      Definition definition,
      ClusterSettings cluster,
      AppPolicy policy,
      Clock clock,
      LogFollower.Settings logSettings) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.logSettings = Objects.requireNonNull(logSettings, "logSettings");
    this.notInstalled =
        new ErrorCode(definition.pluginId(), "NOT_INSTALLED", ErrorType.EXTERNAL, 503);
    this.client = KubernetesClients.create(cluster);
    this.renderer = RENDERERS.computeIfAbsent(getClass(), type -> renderer(type, definition));
    this.logThreads = Executors.newCachedThreadPool(threads(definition.backendId()));
  }

  private static ManifestRenderer renderer(Class<?> type, Definition definition) {
    List<String> all = new ArrayList<>(definition.templates());
    all.add(SECRET_TEMPLATE);
    all.add(CONTAINER_TEMPLATE);
    all.add(PROBE_TEMPLATE);
    return KubernetesClients.withPluginClassLoader(
        () -> new ManifestRenderer(type.getClassLoader(), all, new KubernetesSerialization()));
  }

  // ---------------------------------------------------------------------------------------------
  // What a subclass provides

  /**
   * Backend-specific problems of a spec, e.g. reserved variable names or ports.
   *
   * @param spec the app
   * @return the problems, empty if none
   */
  protected List<SpecViolation> violations(AppSpec spec) {
    return List.of();
  }

  /**
   * Adds the subclass's template variables to the app's.
   *
   * @param app the app's variables, to add to
   * @param spec the app
   * @param wantedReplicas the instances the app should have
   */
  protected abstract void extendModel(Map<String, Object> app, AppSpec spec, int wantedReplicas);

  /**
   * The JSON merge patch that sets the wanted replicas of a workload; it must also set {@value
   * #REPLICAS_ANNOTATION}.
   *
   * @param replicas the wanted replicas
   * @return a JSON object as a map
   */
  protected abstract Map<String, Object> scalePatch(int replicas);

  /**
   * The instances a workload should have now, as the cluster holds it.
   *
   * @param workload the workload
   * @return by default the {@value #REPLICAS_ANNOTATION} annotation, or 0
   */
  protected int wantedReplicas(GenericKubernetesResource workload) {
    return annotationInt(workload, REPLICAS_ANNOTATION).orElse(0);
  }

  /**
   * Interprets the workload and its pods.
   *
   * @param workload the workload, not being deleted
   * @param pods the app's pods
   * @param wanted the wanted replicas
   * @param ready the ready pods
   * @return the phase and a message
   */
  protected abstract Observation observe(
      GenericKubernetesResource workload, List<Pod> pods, int wanted, int ready);

  /**
   * Where users reach the app.
   *
   * @param workload the workload
   * @return the URL, or {@code null} if not known yet
   */
  protected abstract URI url(GenericKubernetesResource workload);

  /**
   * Objects other than those named as the app and its pods whose events concern the app, e.g. its
   * KNative Revisions, by exact kind and name: names alone are not unique to an app (a Revision of
   * app {@code foo} is named as another app could be).
   *
   * @param workload the app's workload
   * @param pods the app's pods
   * @return {@code Kind/name} of each object; by default none
   */
  protected Set<String> relatedObjects(GenericKubernetesResource workload, List<Pod> pods) {
    return Set.of();
  }

  /**
   * The client, for subclasses' reads.
   *
   * @return the client
   */
  protected final KubernetesClient client() {
    return client;
  }

  /**
   * The cluster settings.
   *
   * @return the settings
   */
  protected final ClusterSettings cluster() {
    return cluster;
  }

  /**
   * The administrator's policy.
   *
   * @return the policy
   */
  protected final AppPolicy policy() {
    return policy;
  }

  // ---------------------------------------------------------------------------------------------
  // DeploymentBackend

  @Override
  public ConnectionCheck checkConnection() {
    return ConnectionCheck.timed(
        () ->
            KubernetesClients.withPluginClassLoader(
                () -> {
                  VersionInfo version;
                  try {
                    version = client.getKubernetesVersion();
                  } catch (KubernetesClientException e) {
                    throw KubernetesErrors.translate(e, "read the Kubernetes version", false);
                  }
                  try {
                    client
                        .genericKubernetesResources(definition.workloadKind())
                        .inNamespace(cluster.namespace())
                        .withLabel(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE)
                        .list(new ListOptionsBuilder().withLimit(1L).build());
                  } catch (KubernetesClientException e) {
                    throw translateWorkloadAccess(e, "list " + kindName() + "s");
                  }
                  return "Kubernetes "
                      + version.getMajor()
                      + "."
                      + version.getMinor()
                      + ": "
                      + kindName()
                      + "s of namespace '"
                      + cluster.namespace()
                      + "' are readable";
                }));
  }

  @Override
  public RenderedManifests preview(AppSpec spec) {
    requireCapability(DeploymentCapability.PREVIEW, "preview manifests");
    return KubernetesClients.withPluginClassLoader(
        () -> {
          AppPolicy.Resources resources = check(spec);
          GenericKubernetesResource workload = null;
          String secretVersion = "";
          try {
            workload = findWorkload(spec.appId());
            GenericKubernetesResource secret =
                spec.secretEnv().isEmpty() ? null : get(ResourceKinds.SECRET, secretName(spec));
            secretVersion = secret == null ? "" : secret.getMetadata().getResourceVersion();
          } catch (PlatformException e) {
            // The cluster is optional to a preview: render the values a new app would get.
          }
          Map<String, String> masked = new LinkedHashMap<>();
          spec.secretEnv().keySet().forEach(key -> masked.put(key, AppSpec.MASK));
          Map<String, Object> model =
              model(spec, resources, wanted(spec, workload), masked, secretVersion);
          List<RenderedManifest> documents = new ArrayList<>();
          renderer.render(templates(spec), model).forEach(r -> documents.add(r.manifest()));
          return new RenderedManifests(documents);
        });
  }

  @Override
  public AppStatus deploy(AppSpec spec) {
    return KubernetesClients.withPluginClassLoader(() -> apply(spec, Mode.DEPLOY));
  }

  @Override
  public AppStatus update(AppSpec spec) {
    return KubernetesClients.withPluginClassLoader(() -> apply(spec, Mode.UPDATE));
  }

  @Override
  public AppStatus restore(AppSpec spec) {
    return KubernetesClients.withPluginClassLoader(() -> apply(spec, Mode.RESTORE));
  }

  @Override
  public AppStatus status(String appId) {
    return KubernetesClients.withPluginClassLoader(() -> observeApp(requireWorkload(appId)));
  }

  @Override
  public AppStatus scale(String appId, int replicas) {
    return KubernetesClients.withPluginClassLoader(
        () -> {
          if (replicas < 0) {
            throw PlatformException.invalidArgument("Replicas must not be negative: " + replicas);
          }
          // 0 stops the app on any backend (see DeploymentBackend#scale).
          GenericKubernetesResource workload = requireWorkload(appId);
          int max = annotationInt(workload, MAX_REPLICAS_ANNOTATION).orElse(policy.maxReplicas());
          if (replicas > max) {
            throw PlatformException.invalidArgument(
                "The app may have at most " + max + " replicas, not " + replicas);
          }
          String name = workload.getMetadata().getName();
          call(
              "scale " + kindName() + " '" + name + "'",
              false,
              () ->
                  client
                      .genericKubernetesResources(definition.workloadKind())
                      .inNamespace(cluster.namespace())
                      .withName(name)
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          client.getKubernetesSerialization().asJson(scalePatch(replicas))));
          return observeApp(requireWorkload(appId));
        });
  }

  @Override
  public boolean delete(String appId) {
    return KubernetesClients.withPluginClassLoader(
        () -> {
          int deleted = 0;
          List<ResourceDefinitionContext> kinds = new ArrayList<>();
          kinds.add(definition.workloadKind());
          kinds.addAll(definition.otherKinds());
          kinds.add(ResourceKinds.SECRET);
          for (ResourceDefinitionContext kind : kinds) {
            for (GenericKubernetesResource object : labelled(kind, appLabels(appId))) {
              String name = object.getMetadata().getName();
              boolean gone =
                  call(
                      "delete " + kind.getKind() + " '" + name + "'",
                      kind == ResourceKinds.SECRET,
                      () ->
                          !client
                              .genericKubernetesResources(kind)
                              .inNamespace(cluster.namespace())
                              .withName(name)
                              .delete()
                              .isEmpty());
              deleted += gone ? 1 : 0;
            }
          }
          return deleted > 0;
        });
  }

  @Override
  public LogSubscription logs(String appId, LogRequest request, LogListener listener) {
    requireCapability(DeploymentCapability.LOGS, "read logs");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return KubernetesClients.withPluginClassLoader(
        () -> {
          requireWorkload(appId);
          if (followers.size() >= MAX_LOG_SUBSCRIPTIONS) {
            throw new PlatformException(
                PlatformErrors.QUOTA_EXCEEDED,
                "Too many log readers (" + MAX_LOG_SUBSCRIPTIONS + "); close some and try again");
          }
          PodLogSource source =
              new KubernetesPodLogSource(
                  client,
                  cluster.namespace(),
                  appLabels(appId),
                  () -> findWorkload(appId) != null,
                  LOG_LIMIT_BYTES);
          LogFollower follower =
              LogFollower.start(
                  source,
                  request,
                  APP_CONTAINER,
                  listener,
                  logThreads,
                  logSettings,
                  clock,
                  followers::remove);
          followers.add(follower);
          if (!follower.isOpen()) {
            followers.remove(follower);
          }
          return follower;
        });
  }

  @Override
  public List<ManagedApp> listManaged() {
    requireCapability(DeploymentCapability.LIST_MANAGED, "list apps");
    return KubernetesClients.withPluginClassLoader(
        () -> {
          Map<String, String> selector = new LinkedHashMap<>();
          selector.put(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE);
          selector.put(AppLabels.BACKEND, definition.backendId());
          List<ManagedApp> apps = new ArrayList<>();
          for (GenericKubernetesResource workload : labelledWorkloads(selector)) {
            ObjectMeta metadata = workload.getMetadata();
            String appId = metadata.getLabels().get(AppLabels.APP_ID);
            Instant created = instant(metadata.getCreationTimestamp());
            if (appId != null && created != null) {
              apps.add(
                  new ManagedApp(
                      appId,
                      metadata.getName(),
                      created,
                      metadata.getDeletionTimestamp() != null,
                      metadata.getLabels()));
            }
          }
          apps.sort(Comparator.comparing(ManagedApp::name));
          return apps;
        });
  }

  @Override
  public void close() {
    for (LogFollower follower : List.copyOf(followers)) {
      follower.close();
    }
    logThreads.shutdownNow();
    client.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + cluster + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Applying

  private enum Mode {
    DEPLOY,
    UPDATE,
    RESTORE
  }

  private AppStatus apply(AppSpec spec, Mode mode) {
    AppPolicy.Resources resources = check(spec);
    GenericKubernetesResource workload = findWorkload(spec.appId());
    if (mode == Mode.DEPLOY && workload != null) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "App "
              + spec.appId()
              + " is already deployed as '"
              + workload.getMetadata().getName()
              + "'");
    }
    if (mode == Mode.UPDATE && workload == null) {
      throw PlatformException.notFound("No app " + spec.appId() + " in this backend");
    }
    if (workload != null && !workload.getMetadata().getName().equals(spec.name())) {
      throw new InvalidAppSpecException(
          List.of(
              new SpecViolation(
                  "name",
                  "cannot change: the app is deployed as '"
                      + workload.getMetadata().getName()
                      + "'")));
    }
    if (mode == Mode.DEPLOY) {
      List<SpecViolation> masked = new ArrayList<>();
      spec.secretEnv().keySet().stream()
          .filter(spec::keepsStoredSecret)
          .forEach(key -> masked.add(new SpecViolation("secretEnv." + key, "needs a value")));
      if (!masked.isEmpty()) {
        throw new InvalidAppSpecException(masked);
      }
    }
    GenericKubernetesResource secret = get(ResourceKinds.SECRET, secretName(spec));
    if (secret != null) {
      requireOwned(secret, spec, "Secret");
    }
    Map<String, String> secretValues = secretValues(spec, secret);
    int wanted = wanted(spec, workload);
    String currentVersion = secret == null ? "" : secret.getMetadata().getResourceVersion();
    List<ManifestRenderer.Rendered> planned =
        renderer.render(
            templates(spec), model(spec, resources, wanted, secretValues, currentVersion));
    if (mode == Mode.DEPLOY) {
      for (ManifestRenderer.Rendered rendered : planned) {
        if (get(kindOf(rendered), rendered.manifest().name()) != null) {
          throw new PlatformException(
              PlatformErrors.CONFLICT,
              "The name '"
                  + rendered.manifest().name()
                  + "' of a "
                  + rendered.manifest().kind()
                  + " is already taken in namespace '"
                  + cluster.namespace()
                  + "'");
        }
      }
    }
    String secretVersion = currentVersion;
    List<ManifestRenderer.Rendered> others = new ArrayList<>();
    for (ManifestRenderer.Rendered rendered : planned) {
      if (kindOf(rendered) == ResourceKinds.SECRET) {
        secretVersion =
            applyObject(rendered, spec, mode == Mode.RESTORE).getMetadata().getResourceVersion();
      } else {
        others.add(rendered);
      }
    }
    if (secretValues.isEmpty() && secret != null) {
      String name = secret.getMetadata().getName();
      call(
          "delete Secret '" + name + "'",
          true,
          () ->
              client
                  .genericKubernetesResources(ResourceKinds.SECRET)
                  .inNamespace(cluster.namespace())
                  .withName(name)
                  .delete());
      secretVersion = "";
    }
    if (!secretVersion.equals(currentVersion)) {
      // The pod template carries the Secret's version: render again with the new one.
      others =
          renderer.render(
              definition.templates(), model(spec, resources, wanted, secretValues, secretVersion));
    }
    for (ManifestRenderer.Rendered rendered : others) {
      applyObject(rendered, spec, mode == Mode.RESTORE);
    }
    return observeApp(requireWorkload(spec.appId()));
  }

  private Map<String, String> secretValues(AppSpec spec, GenericKubernetesResource secret) {
    Map<String, String> stored = secret == null ? Map.of() : decode(secret);
    Map<String, String> values = new LinkedHashMap<>();
    List<String> lost = new ArrayList<>();
    spec.secretEnv()
        .forEach(
            (key, value) -> {
              if (spec.keepsStoredSecret(key)) {
                if (stored.containsKey(key)) {
                  values.put(key, stored.get(key));
                } else {
                  lost.add(key);
                }
              } else {
                values.put(key, value);
              }
            });
    if (!lost.isEmpty()) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "The stored values of "
              + String.join(", ", lost)
              + " are gone (their Secret was deleted or changed): send the values again");
    }
    return values;
  }

  /**
   * Creates or replaces one object.
   *
   * @param repair whether to compare the object itself with the rendering (restore), rather than
   *     trusting its {@value #MANIFEST_HASH_ANNOTATION} (deploy, update)
   */
  private GenericKubernetesResource applyObject(
      ManifestRenderer.Rendered rendered, AppSpec spec, boolean repair) {
    ResourceDefinitionContext kind = kindOf(rendered);
    boolean secret = kind == ResourceKinds.SECRET;
    String name = rendered.manifest().name();
    String what = rendered.manifest().kind() + " '" + name + "'";
    // Never a hash of secret values: a short value could be found from it.
    String hash =
        secret ? null : sha256(client.getKubernetesSerialization().asJson(rendered.object()));
    for (int attempt = 1; attempt <= 3; attempt++) {
      GenericKubernetesResource desired =
          client.getKubernetesSerialization().clone(rendered.object());
      if (hash != null) {
        Map<String, String> annotations =
            new LinkedHashMap<>(orEmpty(desired.getMetadata().getAnnotations()));
        annotations.put(MANIFEST_HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
      }
      GenericKubernetesResource existing = get(kind, name);
      try {
        if (existing == null) {
          return client
              .genericKubernetesResources(kind)
              .inNamespace(cluster.namespace())
              .resource(desired)
              .create();
        }
        requireOwned(existing, spec, rendered.manifest().kind());
        if (!repair
            && hash != null
            && hash.equals(
                orEmpty(existing.getMetadata().getAnnotations()).get(MANIFEST_HASH_ANNOTATION))) {
          return existing;
        }
        keepClusterOwnedFields(desired, existing);
        if (equivalent(desired, existing, secret)) {
          return existing;
        }
        return client
            .genericKubernetesResources(kind)
            .inNamespace(cluster.namespace())
            .resource(desired)
            .update();
      } catch (KubernetesClientException e) {
        if (!KubernetesErrors.isConflict(e) || attempt == 3) {
          throw translateWorkloadAccess(e, (existing == null ? "create " : "replace ") + what);
        }
      }
    }
    throw new PlatformException(PlatformErrors.CONFLICT, what + " kept changing; try again");
  }

  private void requireOwned(GenericKubernetesResource existing, AppSpec spec, String kind) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    if (labels == null
        || !spec.appId().equals(labels.get(AppLabels.APP_ID))
        || !definition.backendId().equals(labels.get(AppLabels.BACKEND))
        || !AppLabels.MANAGED_BY_VALUE.equals(labels.get(AppLabels.MANAGED_BY))) {
      throw new PlatformException(
          PlatformErrors.CONFLICT,
          "A "
              + kind
              + " named '"
              + existing.getMetadata().getName()
              + "' exists in namespace '"
              + cluster.namespace()
              + "' and belongs to something else");
    }
  }

  @SuppressWarnings("unchecked")
  private static void keepClusterOwnedFields(
      GenericKubernetesResource desired, GenericKubernetesResource existing) {
    desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> current = existing.getMetadata().getAnnotations();
    if (current != null) {
      current.forEach(
          (key, value) -> {
            if (!key.startsWith(ANNOTATION_PREFIX)) {
              annotations.put(key, value);
            }
          });
    }
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    desired.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    if ("Service".equals(desired.getKind()) && "v1".equals(desired.getApiVersion())) {
      Map<String, Object> desiredSpec =
          (Map<String, Object>) desired.getAdditionalProperties().get("spec");
      Object existingSpec = existing.getAdditionalProperties().get("spec");
      if (desiredSpec != null && existingSpec instanceof Map<?, ?> spec) {
        for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
          if (!desiredSpec.containsKey(field) && spec.get(field) != null) {
            desiredSpec.put(field, spec.get(field));
          }
        }
      }
    }
  }

  private boolean equivalent(
      GenericKubernetesResource desired, GenericKubernetesResource existing, boolean secret) {
    if (!Objects.equals(desired.getMetadata().getLabels(), existing.getMetadata().getLabels())
        || !Objects.equals(
            orEmpty(desired.getMetadata().getAnnotations()),
            orEmpty(existing.getMetadata().getAnnotations()))) {
      return false;
    }
    if (secret) {
      return decode(desired).equals(decode(existing))
          && Objects.equals(
              desired.getAdditionalProperties().get("type"),
              existing.getAdditionalProperties().get("type"));
    }
    for (Map.Entry<String, Object> entry : desired.getAdditionalProperties().entrySet()) {
      if (!Objects.equals(
          entry.getValue(), existing.getAdditionalProperties().get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> decode(GenericKubernetesResource secret) {
    Map<String, String> values = new HashMap<>();
    Object data = secret.getAdditionalProperties().get("data");
    if (data instanceof Map<?, ?> map) {
      ((Map<String, Object>) map)
          .forEach(
              (key, value) -> {
                if (value != null) {
                  values.put(
                      key,
                      new String(
                          Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8));
                }
              });
    }
    Object stringData = secret.getAdditionalProperties().get("stringData");
    if (stringData instanceof Map<?, ?> map) {
      ((Map<String, Object>) map)
          .forEach((key, value) -> values.put(key, value == null ? "" : value.toString()));
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private AppPolicy.Resources check(AppSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return policy.check(spec, definition.capabilities(), violations(spec));
  }

  private List<String> templates(AppSpec spec) {
    List<String> templates = new ArrayList<>();
    if (!spec.secretEnv().isEmpty()) {
      templates.add(SECRET_TEMPLATE);
    }
    templates.addAll(definition.templates());
    return templates;
  }

  private int wanted(AppSpec spec, GenericKubernetesResource workload) {
    int lower = spec.scaleToZero() ? 0 : spec.minReplicas();
    if (workload == null) {
      return lower;
    }
    int current = wantedReplicas(workload);
    if (current == 0) {
      return 0; // stopped by its owner: an update or a restore does not start it again
    }
    return Math.max(lower, Math.min(current, spec.maxReplicas()));
  }

  private Map<String, Object> model(
      AppSpec spec,
      AppPolicy.Resources resources,
      int wanted,
      Map<String, String> secretValues,
      String secretVersion) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("id", spec.appId());
    app.put("name", spec.name());
    app.put("namespace", cluster.namespace());
    app.put("image", spec.image());
    app.put("imagePullPolicy", "IfNotPresent");
    app.put("port", spec.port());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE);
    labels.put(AppLabels.NAME, spec.name());
    labels.put(AppLabels.APP_ID, spec.appId());
    labels.put(AppLabels.BACKEND, definition.backendId());
    labels.putAll(spec.labels());
    app.put("labels", labels);
    app.put("selector", appLabels(spec.appId()));
    List<Map<String, String>> env = new ArrayList<>();
    spec.env()
        .forEach(
            (key, value) -> {
              Map<String, String> variable = new LinkedHashMap<>();
              variable.put("name", key);
              // Kubernetes expands $(VAR) in values and turns $$ into $: double every $.
              variable.put("value", value.replace("$", "$$"));
              env.add(variable);
            });
    app.put("env", env);
    app.put("secretEnv", List.copyOf(spec.secretEnv().keySet()));
    app.put("hasEnv", !spec.env().isEmpty() || !spec.secretEnv().isEmpty());
    app.put("secretName", secretName(spec));
    app.put("secretValues", secretValues);
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    if (!spec.secretEnv().isEmpty()) {
      podAnnotations.put(
          SECRET_VERSION_ANNOTATION,
          secretVersion == null || secretVersion.isEmpty() ? "new" : secretVersion);
    }
    app.put("podAnnotations", podAnnotations);
    app.put("hasPodAnnotations", !podAnnotations.isEmpty());
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("cpu", resources.cpuRequest());
    requests.put("memory", resources.memoryRequest());
    Map<String, String> limits = new LinkedHashMap<>();
    limits.put("cpu", resources.cpuLimit());
    limits.put("memory", resources.memoryLimit());
    if (resources.gpus() > 0) {
      limits.put("nvidia.com/gpu", String.valueOf(resources.gpus()));
    }
    app.put("requests", requests);
    app.put("limits", limits);
    app.put("wantedReplicas", wanted);
    app.put("minReplicas", spec.minReplicas());
    app.put("maxReplicas", spec.maxReplicas());
    app.put("scaleToZero", spec.scaleToZero());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(REPLICAS_ANNOTATION, String.valueOf(wanted));
    annotations.put(MAX_REPLICAS_ANNOTATION, String.valueOf(spec.maxReplicas()));
    app.put("annotations", annotations);
    app.put("container", APP_CONTAINER);
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("runAsUser", policy.runAsUser());
    pod.put("healthCheckPath", policy.healthCheckPath());
    pod.put("imagePullSecrets", policy.imagePullSecrets());
    pod.put("hasImagePullSecrets", !policy.imagePullSecrets().isEmpty());
    app.put("pod", pod);
    extendModel(app, spec, wanted);
    Map<String, Object> model = new HashMap<>();
    model.put("app", app);
    return model;
  }

  private static String secretName(AppSpec spec) {
    return spec.name() + "-env";
  }

  // ---------------------------------------------------------------------------------------------
  // Observing

  private AppStatus observeApp(GenericKubernetesResource workload) {
    ObjectMeta metadata = workload.getMetadata();
    String appId = metadata.getLabels().get(AppLabels.APP_ID);
    List<Pod> pods =
        call(
            "list the pods of app " + appId,
            false,
            () ->
                client
                    .pods()
                    .inNamespace(cluster.namespace())
                    .withLabels(appLabels(appId))
                    .list()
                    .getItems());
    pods = new ArrayList<>(pods);
    pods.sort(
        Comparator.comparing(
            (Pod p) -> p.getMetadata().getCreationTimestamp(),
            Comparator.nullsLast(Comparator.naturalOrder())));
    int wanted = wantedReplicas(workload);
    int ready = (int) pods.stream().filter(PodProblems::isReady).count();
    Observation observation =
        metadata.getDeletionTimestamp() != null
            ? new Observation(AppPhase.DELETING, "The app is being deleted")
            : observe(workload, pods, wanted, ready);
    boolean available =
        observation.phase() == AppPhase.RUNNING
            || observation.phase() == AppPhase.SCALED_TO_ZERO
            || observation.phase() != AppPhase.DELETING && ready > 0;
    List<AppPod> appPods =
        pods.stream()
            .map(
                pod ->
                    new AppPod(
                        pod.getMetadata().getName(),
                        PodProblems.isReady(pod),
                        PodProblems.restarts(pod),
                        pod.getSpec() == null
                            ? List.of()
                            : pod.getSpec().getContainers().stream().map(c -> c.getName()).toList(),
                        instant(pod.getMetadata().getCreationTimestamp())))
            .toList();
    return new AppStatus(
        appId,
        metadata.getName(),
        observation.phase(),
        available,
        wanted,
        ready,
        observation.message(),
        url(workload),
        events(metadata.getName(), pods, relatedObjects(workload, pods)),
        appPods);
  }

  private List<AppEvent> events(String name, List<Pod> pods, Set<String> related) {
    Set<String> subjects = new java.util.HashSet<>();
    subjects.add(name);
    pods.forEach(pod -> subjects.add(pod.getMetadata().getName()));
    // Listed whole and filtered here: field selectors on involvedObject are not served by every
    // API (nor by the mock server); the namespace holds demo apps only, and events expire.
    List<Event> all =
        call(
            "list events",
            false,
            () -> client.v1().events().inNamespace(cluster.namespace()).list().getItems());
    List<AppEvent> events = new ArrayList<>();
    for (Event event : all) {
      if (event.getInvolvedObject() == null) {
        continue;
      }
      String kind = Objects.requireNonNullElse(event.getInvolvedObject().getKind(), "");
      String subject = event.getInvolvedObject().getName();
      if (subject == null
          || !subjects.contains(subject) && !related.contains(kind + "/" + subject)) {
        continue;
      }
      Instant time =
          firstInstant(
              event.getLastTimestamp(),
              event.getEventTime() == null ? null : event.getEventTime().getTime(),
              event.getFirstTimestamp(),
              event.getMetadata().getCreationTimestamp());
      events.add(
          new AppEvent(
              time, event.getType(), event.getReason(), event.getMessage(), kind + "/" + subject));
    }
    events.sort(
        Comparator.comparing(AppEvent::time, Comparator.nullsLast(Comparator.reverseOrder())));
    return events.size() > MAX_EVENTS ? events.subList(0, MAX_EVENTS) : events;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  private GenericKubernetesResource requireWorkload(String appId) {
    GenericKubernetesResource workload = findWorkload(appId);
    if (workload == null) {
      throw PlatformException.notFound("No app " + appId + " in this backend");
    }
    return workload;
  }

  private GenericKubernetesResource findWorkload(String appId) {
    Objects.requireNonNull(appId, "appId");
    List<GenericKubernetesResource> found = labelledWorkloads(appLabels(appId));
    return found.isEmpty() ? null : found.get(0);
  }

  private List<GenericKubernetesResource> labelledWorkloads(Map<String, String> selector) {
    try {
      return client
          .genericKubernetesResources(definition.workloadKind())
          .inNamespace(cluster.namespace())
          .withLabels(selector)
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      throw translateWorkloadAccess(e, "list " + kindName() + "s");
    }
  }

  private List<GenericKubernetesResource> labelled(
      ResourceDefinitionContext kind, Map<String, String> selector) {
    return call(
        "list " + kind.getKind() + "s",
        false,
        () ->
            client
                .genericKubernetesResources(kind)
                .inNamespace(cluster.namespace())
                .withLabels(selector)
                .list()
                .getItems());
  }

  private GenericKubernetesResource get(ResourceDefinitionContext kind, String name) {
    return call(
        "read " + kind.getKind() + " '" + name + "'",
        kind == ResourceKinds.SECRET,
        () ->
            client
                .genericKubernetesResources(kind)
                .inNamespace(cluster.namespace())
                .withName(name)
                .get());
  }

  private Map<String, String> appLabels(String appId) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(AppLabels.APP_ID, appId);
    selector.put(AppLabels.BACKEND, definition.backendId());
    return selector;
  }

  private ResourceDefinitionContext kindOf(ManifestRenderer.Rendered rendered) {
    return ResourceKinds.of(rendered.manifest().apiVersion(), rendered.manifest().kind());
  }

  private PlatformException translateWorkloadAccess(KubernetesClientException e, String action) {
    if (KubernetesErrors.isNotFound(e) && e.getName() == null) {
      return new PlatformException(notInstalled, definition.notInstalledMessage(), e, false);
    }
    return KubernetesErrors.translate(e, action, false);
  }

  private <T> T call(String action, boolean mayEchoSecrets, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw KubernetesErrors.translate(e, action, mayEchoSecrets);
    }
  }

  private void requireCapability(DeploymentCapability capability, String what) {
    if (!definition.capabilities().contains(capability)) {
      throw PlatformException.notSupported("This backend cannot " + what);
    }
  }

  private String kindName() {
    return definition.workloadKind().getKind();
  }

  /**
   * An integer annotation of an object.
   *
   * @param object the object
   * @param key the annotation key
   * @return the value, or empty if absent or not a number
   */
  protected static Optional<Integer> annotationInt(GenericKubernetesResource object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a Kubernetes timestamp.
   *
   * @param value an RFC 3339 time, or {@code null}
   * @return the instant, or {@code null} if absent or malformed
   */
  protected static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant firstInstant(String... values) {
    for (String value : values) {
      Instant instant = instant(value);
      if (instant != null) {
        return instant;
      }
    }
    return null;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static ThreadFactory threads(String backendId) {
    AtomicInteger count = new AtomicInteger();
    ClassLoader pluginLoader = KubernetesBackend.class.getClassLoader();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "deployment-logs-" + backendId + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setContextClassLoader(pluginLoader);
      return thread;
    };
  }
}
