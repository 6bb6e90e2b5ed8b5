package org.aiappstore.plugins.deployment.emissary;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugins.kubernetes.AppPolicy;
import org.aiappstore.plugins.kubernetes.ClusterSettings;
import org.aiappstore.plugins.kubernetes.KubernetesBackend;
import org.aiappstore.plugins.kubernetes.LogFollower;
import org.aiappstore.plugins.kubernetes.PodProblems;
import org.aiappstore.plugins.kubernetes.ResourceKinds;

/**
 * Demo apps as an {@code apps/v1} Deployment (hardened pod, probes on the app's port, resource
 * limits), a ClusterIP Service on port {@value #SERVICE_PORT}, and an Emissary-ingress {@code
 * getambassador.io/v3alpha1} Mapping that routes {@code /apps/{name}/} of the public host to it.
 * Replicas are fixed (no autoscaler): {@link #scale} sets them, from 0 (stopped) to the app's
 * maximum.
 */
public final class EmissaryBackend extends KubernetesBackend {

  /** The port of each app's Service. */
  public static final int SERVICE_PORT = 80;

  /**
   * How apps are reached.
   *
   * @param publicBaseUrl where Emissary serves, ending with {@code /}
   * @param hostname the Mappings' host name, {@code *} for any
   * @param ambassadorId the Emissary instance to serve the Mappings, or {@code null}
   * @param timeout how long a request or an idle websocket may last
   */
  public record Routing(
      URI publicBaseUrl, String hostname, String ambassadorId, Duration timeout) {}

  private final Routing routing;

  EmissaryBackend(
      ClusterSettings cluster,
      AppPolicy policy,
      Routing routing,
      Set<DeploymentCapability> capabilities,
      Clock clock,
      LogFollower.Settings logSettings) {
    super(
        new Definition(
            "deployment-emissary",
            EmissaryBackendFactory.ID,
            capabilities,
            ResourceKinds.DEPLOYMENT,
            List.of(ResourceKinds.SERVICE, ResourceKinds.EMISSARY_MAPPING),
            List.of("emissary/deployment.yaml", "emissary/service.yaml", "emissary/mapping.yaml"),
            "The Kubernetes API serves no apps/v1 Deployments"),
        cluster,
        policy,
        clock,
        logSettings);
    this.routing = routing;
  }

  /**
   * The path prefix of an app.
   *
   * @param name the app's name
   * @return {@code /apps/{name}/}
   */
  public static String prefix(String name) {
    return "/apps/" + name + "/";
  }

  @Override
  protected void extendModel(Map<String, Object> app, AppSpec spec, int wantedReplicas) {
    // A tag may move (a rebuilt ":1.0"): a node holding the old image would keep running it.
    app.put("imagePullPolicy", spec.image().contains("@sha256:") ? "IfNotPresent" : "Always");
    app.put("portName", "http");
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("startup", true);
    probe.put("livenessDelaySeconds", 0);
    app.put("probe", probe);
    Map<String, Object> mapping = new LinkedHashMap<>();
    mapping.put("hostname", routing.hostname());
    mapping.put("prefix", prefix(spec.name()));
    mapping.put("service", spec.name() + "." + cluster().namespace() + ":" + SERVICE_PORT);
    mapping.put("servicePort", SERVICE_PORT);
    mapping.put("timeoutMs", routing.timeout().toMillis());
    mapping.put("ambassadorId", routing.ambassadorId());
    app.put("mapping", mapping);
  }

  @Override
  protected Map<String, Object> scalePatch(int replicas) {
    return Map.of(
        "metadata",
        Map.of("annotations", Map.of(REPLICAS_ANNOTATION, String.valueOf(replicas))),
        "spec",
        Map.of("replicas", replicas));
  }

  @Override
  protected int wantedReplicas(GenericKubernetesResource workload) {
    Object spec = workload.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> map && map.get("replicas") instanceof Number replicas) {
      return replicas.intValue();
    }
    return super.wantedReplicas(workload);
  }

  @Override
  protected Observation observe(
      GenericKubernetesResource workload, List<Pod> pods, int wanted, int ready) {
    Optional<String> failure = PodProblems.failure(pods).or(() -> rolloutFailure(workload));
    if (failure.isPresent()) {
      return new Observation(AppPhase.FAILED, failure.get());
    }
    if (wanted == 0) {
      return new Observation(AppPhase.SCALED_TO_ZERO, "Scaled to zero instances");
    }
    Optional<String> rollout = rolloutInProgress(workload, wanted);
    if (rollout.isEmpty() && ready >= wanted) {
      return new Observation(
          AppPhase.RUNNING,
          ready + " of " + wanted + " instance" + (wanted == 1 ? "" : "s") + " ready");
    }
    Optional<String> unschedulable = PodProblems.unschedulable(pods);
    if (pods.isEmpty() || unschedulable.isPresent()) {
      return new Observation(
          AppPhase.PENDING, unschedulable.orElse("Waiting for the first instance to be scheduled"));
    }
    return new Observation(
        AppPhase.DEPLOYING,
        rollout.orElse(
            ready + " of " + wanted + " instance" + (wanted == 1 ? "" : "s") + " ready"));
  }

  @Override
  protected URI url(GenericKubernetesResource workload) {
    return routing.publicBaseUrl().resolve(prefix(workload.getMetadata().getName()).substring(1));
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> rolloutFailure(GenericKubernetesResource deployment) {
    for (Map<String, Object> condition : conditions(deployment)) {
      String type = String.valueOf(condition.get("type"));
      String status = String.valueOf(condition.get("status"));
      String reason = String.valueOf(condition.get("reason"));
      if ("Progressing".equals(type)
          && "False".equals(status)
          && "ProgressDeadlineExceeded".equals(reason)) {
        return Optional.of("The rollout stalled (ProgressDeadlineExceeded)");
      }
      if ("ReplicaFailure".equals(type) && "True".equals(status)) {
        Object message = condition.get("message");
        return Optional.of(
            "Kubernetes cannot create the instances: " + (message == null ? reason : message));
      }
    }
    return Optional.empty();
  }

  /**
   * What is left of the rollout, by the rule of {@code kubectl rollout status}: the controller has
   * seen the current generation, every wanted replica is updated, no old replica is left, and every
   * updated replica is available. Ready pods alone do not tell: during a rolling update the old
   * ReplicaSet's pods are ready too.
   *
   * @return a message while the rollout is in progress, empty once it is complete
   */
  private static Optional<String> rolloutInProgress(
      GenericKubernetesResource deployment, int wanted) {
    Map<?, ?> status = map(deployment.getAdditionalProperties().get("status"));
    Long generation = deployment.getMetadata().getGeneration();
    if (generation != null && number(status.get("observedGeneration")) < generation) {
      return Optional.of("Waiting for the Deployment controller to take up the change");
    }
    long replicas = number(status.get("replicas"));
    long updated = number(status.get("updatedReplicas"));
    long available = number(status.get("availableReplicas"));
    if (updated >= wanted && replicas <= updated && available >= updated) {
      return Optional.empty();
    }
    long old = Math.max(0, replicas - updated);
    return Optional.of(
        "Rolling out: "
            + updated
            + " of "
            + wanted
            + " updated, "
            + available
            + " available"
            + (old > 0 ? ", " + old + " old instance" + (old == 1 ? "" : "s") + " left" : ""));
  }

  private static long number(Object value) {
    return value instanceof Number number ? number.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(GenericKubernetesResource deployment) {
    Object conditions = map(deployment.getAdditionalProperties().get("status")).get("conditions");
    return conditions instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
