package org.aiappstore.plugins.deployment.knative;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugins.kubernetes.AppPolicy;
import org.aiappstore.plugins.kubernetes.ClusterSettings;
import org.aiappstore.plugins.kubernetes.KubernetesBackend;
import org.aiappstore.plugins.kubernetes.KubernetesClients;
import org.aiappstore.plugins.kubernetes.LogFollower;
import org.aiappstore.plugins.kubernetes.PodProblems;
import org.aiappstore.plugins.kubernetes.ResourceKinds;

/**
 * Demo apps as KNative Serving Services ({@code serving.knative.dev/v1}, handled as generic
 * resources with an explicit definition): the autoscaler keeps between the wanted replicas ({@code
 * min-scale}) and the app's maximum ({@code max-scale}) instances, aiming at the configured
 * concurrency, and scales an idle app to zero when its minimum is 0. The container is hardened as
 * in every backend (KNative accepts these container security fields and {@code
 * automountServiceAccountToken: false}).
 */
public final class KnativeBackend extends KubernetesBackend {

  /** The annotation prefix of KNative's autoscaler. */
  public static final String AUTOSCALING = "autoscaling.knative.dev/";

  /** The label KNative puts on a Revision's pods: the Revision's name. */
  public static final String REVISION_LABEL = "serving.knative.dev/revision";

  /**
   * Names KNative derives for a Service's Revisions ({@code <name>-00001}, {@code <name>-00002},
   * ...) and their Kubernetes Services ({@code <name>-00001-private}): an app named so would
   * collide with another app's.
   */
  private static final Pattern REVISION_NAME = Pattern.compile(".*-[0-9]{5}(-private)?");

  /** Environment variables KNative sets itself. */
  public static final Set<String> RESERVED_ENV =
      Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");

  /**
   * Ports KNative refuses for the user container, as its webhook does ({@code reservedPorts} of
   * knative/serving {@code pkg/apis/serving/k8s_validation.go}): the queue-proxy's HTTP/1 (8012)
   * and HTTP/2 (8013) backends, admin (8022), autoscaler metrics (9090), user metrics (9091) and
   * profiling (8008) ports.
   */
  public static final Set<Integer> RESERVED_PORTS = Set.of(8008, 8012, 8013, 8022, 9090, 9091);

  /**
   * How apps are served.
   *
   * @param domain KNative's domain, or {@code null}
   * @param urlScheme {@code https} or {@code http}
   * @param targetConcurrency concurrent requests per instance the autoscaler aims at
   * @param timeoutSeconds how long a request may take
   * @param startupProbe whether containers get a startup probe
   * @param zeroInitialScale whether the cluster allows {@code initial-scale: 0}, which a Revision
   *     wanted at 0 instances then gets
   */
  public record Serving(
      String domain,
      String urlScheme,
      int targetConcurrency,
      int timeoutSeconds,
      boolean startupProbe,
      boolean zeroInitialScale) {}

  /** Said when API discovery shows no KNative Services (their CRD is not installed). */
  public static final String SERVING_MISSING =
      "KNative Serving is not installed: the cluster serves no serving.knative.dev/v1 Services"
          + " (CustomResourceDefinition services.serving.knative.dev)";

  private final Serving serving;

  KnativeBackend(
      ClusterSettings cluster,
      AppPolicy policy,
      Serving serving,
      Set<DeploymentCapability> capabilities,
      Clock clock,
      LogFollower.Settings logSettings) {
    super(
        new Definition(
            "deployment-knative",
            KnativeBackendFactory.ID,
            capabilities,
            ResourceKinds.KNATIVE_SERVICE,
            List.of(),
            List.of("knative/service.yaml"),
            "KNative Serving is not installed: the cluster serves no serving.knative.dev/v1"
                + " Services"),
        cluster,
        policy,
        clock,
        logSettings);
    this.serving = serving;
  }

  /**
   * Asks API discovery ({@code /apis/serving.knative.dev/v1}), which every authenticated client may
   * read, rather than the CRD itself, which needs a cluster-wide permission the backend's service
   * account usually lacks.
   */
  @Override
  public Optional<String> unavailableReason() {
    return KubernetesClients.withPluginClassLoader(
        () -> {
          try {
            APIResourceList served =
                client()
                    .getApiResources(
                        ResourceKinds.KNATIVE_SERVICE.getGroup()
                            + "/"
                            + ResourceKinds.KNATIVE_SERVICE.getVersion());
            boolean services =
                served != null
                    && served.getResources() != null
                    && served.getResources().stream()
                        .anyMatch(
                            r -> ResourceKinds.KNATIVE_SERVICE.getPlural().equals(r.getName()));
            return services ? Optional.empty() : Optional.of(SERVING_MISSING);
          } catch (KubernetesClientException e) {
            // 404: the group is not served at all. Anything else (unreachable, refused) says
            // nothing about KNative and must not move apps elsewhere.
            return e.getCode() == 404 ? Optional.of(SERVING_MISSING) : Optional.<String>empty();
          }
        });
  }

  @Override
  protected List<SpecViolation> violations(AppSpec spec) {
    List<SpecViolation> violations = new ArrayList<>();
    if (spec.name() != null && REVISION_NAME.matcher(spec.name()).matches()) {
      violations.add(
          new SpecViolation(
              "name",
              "must not end in '-' and five digits (nor that and '-private'): KNative names the"
                  + " Revisions of app '"
                  + spec.name().replaceFirst("-[0-9]{5}(-private)?$", "")
                  + "' so, and their Services would collide with this app's"));
    }
    if (RESERVED_PORTS.contains(spec.port())) {
      violations.add(
          new SpecViolation(
              "port",
              "is reserved by KNative (its queue-proxy listens there): pick another than "
                  + new TreeSet<>(RESERVED_PORTS)));
    }
    spec.env().entrySet().stream()
        .filter(
            e -> RESERVED_ENV.contains(e.getKey()) && !isPortItself(e.getKey(), e.getValue(), spec))
        .forEach(e -> violations.add(new SpecViolation("env." + e.getKey(), "is set by KNative")));
    spec.secretEnv().keySet().stream()
        .filter(RESERVED_ENV::contains)
        .forEach(key -> violations.add(new SpecViolation("secretEnv." + key, "is set by KNative")));
    spec.labels().keySet().stream()
        .filter(key -> key.contains("knative.dev/"))
        .forEach(
            key -> violations.add(new SpecViolation("labels." + key, "is reserved for KNative")));
    return violations;
  }

  /**
   * A {@code PORT} equal to the container port says what KNative sets anyway (hosts give every app
   * its port so that apps run alike on every backend): accepted, and left to KNative to set, since
   * KNative refuses a Service that sets it.
   */
  private static boolean isPortItself(String key, String value, AppSpec spec) {
    return "PORT".equals(key) && String.valueOf(spec.port()).equals(value);
  }

  @Override
  protected void extendModel(Map<String, Object> app, AppSpec spec, int wantedReplicas) {
    if (app.get("env") instanceof List<?> env) {
      env.removeIf(v -> v instanceof Map<?, ?> variable && "PORT".equals(variable.get("name")));
    }
    app.put("portName", "http1");
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("startup", serving.startupProbe());
    probe.put("livenessDelaySeconds", serving.startupProbe() ? 0 : 120);
    app.put("probe", probe);
    app.put("autoscaling", autoscaling(wantedReplicas, spec.maxReplicas()));
    app.put("timeoutSeconds", serving.timeoutSeconds());
  }

  private Map<String, String> autoscaling(int wanted, int max) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(AUTOSCALING + "min-scale", String.valueOf(wanted));
    annotations.put(AUTOSCALING + "max-scale", String.valueOf(max));
    annotations.put(AUTOSCALING + "initial-scale", String.valueOf(initialScale(wanted)));
    annotations.put(AUTOSCALING + "target", String.valueOf(serving.targetConcurrency()));
    return annotations;
  }

  /**
   * The instances a new Revision starts with. KNative refuses {@code initial-scale: 0} unless the
   * cluster allows it, so without that a Revision wanted at 0 starts one instance, which goes away
   * after the idle window.
   */
  private int initialScale(int wanted) {
    return wanted == 0 && serving.zeroInitialScale() ? 0 : Math.max(1, wanted);
  }

  /**
   * Changes the Revision template's {@code min-scale} and {@code initial-scale}: KNative makes a
   * new Revision for every scale change, as for any change of the template.
   */
  @Override
  protected Map<String, Object> scalePatch(int replicas) {
    Map<String, String> template = new LinkedHashMap<>();
    template.put(AUTOSCALING + "min-scale", String.valueOf(replicas));
    template.put(AUTOSCALING + "initial-scale", String.valueOf(initialScale(replicas)));
    return Map.of(
        "metadata",
        Map.of("annotations", Map.of(REPLICAS_ANNOTATION, String.valueOf(replicas))),
        "spec",
        Map.of("template", Map.of("metadata", Map.of("annotations", template))));
  }

  @Override
  protected int wantedReplicas(GenericKubernetesResource service) {
    Object minScale = templateAnnotations(service).get(AUTOSCALING + "min-scale");
    if (minScale != null) {
      try {
        return Integer.parseInt(minScale.toString().strip());
      } catch (NumberFormatException e) {
        return super.wantedReplicas(service);
      }
    }
    return super.wantedReplicas(service);
  }

  @Override
  protected Observation observe(
      GenericKubernetesResource service, List<Pod> pods, int wanted, int ready) {
    // A pod's container failing is a fact whichever generation KNative has observed.
    Optional<String> failure = PodProblems.failure(pods);
    if (failure.isPresent()) {
      return new Observation(AppPhase.FAILED, failure.get());
    }
    Map<?, ?> status = map(service.getAdditionalProperties().get("status"));
    Object latestReady = status.get("latestReadyRevisionName");
    Object latestCreated = status.get("latestCreatedRevisionName");
    Long generation = service.getMetadata().getGeneration();
    if (generation != null && observedGeneration(status) < generation) {
      // The conditions still describe the previous generation: the new Revision may not exist.
      return latestReady == null && pods.isEmpty()
          ? new Observation(AppPhase.PENDING, "Waiting for KNative to take up the new Service")
          : new Observation(AppPhase.DEPLOYING, "Waiting for KNative to take up the change");
    }
    Map<String, Object> readyCondition = condition(service, "Ready");
    String readyStatus =
        readyCondition == null ? null : String.valueOf(readyCondition.get("status"));
    if ("False".equals(readyStatus)) {
      return new Observation(AppPhase.FAILED, describe(readyCondition));
    }
    if (latestCreated != null && latestReady != null && !latestCreated.equals(latestReady)) {
      return new Observation(
          AppPhase.DEPLOYING,
          "Rolling out Revision "
              + latestCreated
              + " ("
              + latestReady
              + " serves until it is ready)");
    }
    Optional<String> unschedulable = PodProblems.unschedulable(pods);
    if ("True".equals(readyStatus)) {
      if (ready > 0) {
        return new Observation(
            AppPhase.RUNNING, ready + " instance" + (ready == 1 ? "" : "s") + " ready");
      }
      // KNative stays Ready while a cold start is stuck: the pods tell.
      if (unschedulable.isPresent()) {
        return new Observation(AppPhase.PENDING, unschedulable.get());
      }
      if (pods.stream().anyMatch(PodProblems::isCurrent)) {
        return new Observation(AppPhase.DEPLOYING, "Starting an instance");
      }
      if (wanted == 0) {
        return new Observation(
            AppPhase.SCALED_TO_ZERO, "Scaled to zero: the next request starts an instance");
      }
      return new Observation(AppPhase.DEPLOYING, "Waiting for instances to become ready");
    }
    if (pods.isEmpty() || unschedulable.isPresent()) {
      return new Observation(
          AppPhase.PENDING,
          unschedulable.orElse(
              readyCondition != null && readyCondition.get("message") != null
                  ? describe(readyCondition)
                  : "Waiting for KNative to start the first instance"));
    }
    return new Observation(
        AppPhase.DEPLOYING,
        ready + " of " + Math.max(1, wanted) + " instance" + (wanted == 1 ? "" : "s") + " ready");
  }

  @Override
  protected URI url(GenericKubernetesResource service) {
    Object url = map(service.getAdditionalProperties().get("status")).get("url");
    if (url != null && !url.toString().isBlank()) {
      return URI.create(url.toString());
    }
    if (serving.domain() == null) {
      return null;
    }
    return URI.create(
        serving.urlScheme()
            + "://"
            + service.getMetadata().getName()
            + "."
            + cluster().namespace()
            + "."
            + serving.domain()
            + "/");
  }

  /**
   * The app's Revisions by their exact names: those its status names (latest created, latest ready,
   * those taking traffic) and those its pods belong to ({@value #REVISION_LABEL}). Its
   * Configuration and Route are named as the app, so their events are matched by name already.
   */
  @Override
  protected Set<String> relatedObjects(GenericKubernetesResource service, List<Pod> pods) {
    Set<String> revisions = new TreeSet<>();
    Map<?, ?> status = map(service.getAdditionalProperties().get("status"));
    for (String key : List.of("latestCreatedRevisionName", "latestReadyRevisionName")) {
      if (status.get(key) != null) {
        revisions.add(status.get(key).toString());
      }
    }
    if (status.get("traffic") instanceof List<?> traffic) {
      for (Object target : traffic) {
        if (map(target).get("revisionName") != null) {
          revisions.add(map(target).get("revisionName").toString());
        }
      }
    }
    for (Pod pod : pods) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels != null && labels.get(REVISION_LABEL) != null) {
        revisions.add(labels.get(REVISION_LABEL));
      }
    }
    Set<String> related = new TreeSet<>();
    revisions.forEach(revision -> related.add("Revision/" + revision));
    return related;
  }

  private static long observedGeneration(Map<?, ?> status) {
    return status.get("observedGeneration") instanceof Number observed ? observed.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(GenericKubernetesResource service, String type) {
    Object conditions = map(service.getAdditionalProperties().get("status")).get("conditions");
    if (conditions instanceof List<?> list) {
      for (Object condition : list) {
        if (condition instanceof Map<?, ?> map && type.equals(map.get("type"))) {
          return (Map<String, Object>) map;
        }
      }
    }
    return null;
  }

  private static String describe(Map<String, Object> condition) {
    Object reason = condition.get("reason");
    Object message = condition.get("message");
    String text = (reason == null ? "" : reason + ": ") + (message == null ? "" : message);
    return text.isBlank() ? "KNative reports the service as not ready" : text.strip();
  }

  private static Map<?, ?> templateAnnotations(GenericKubernetesResource service) {
    Map<?, ?> spec = map(service.getAdditionalProperties().get("spec"));
    Map<?, ?> template = map(spec.get("template"));
    return map(map(template.get("metadata")).get("annotations"));
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
