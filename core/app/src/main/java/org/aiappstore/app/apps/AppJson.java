package org.aiappstore.app.apps;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.aiappstore.plugin.api.deployment.AppEvent;
import org.aiappstore.plugin.api.deployment.AppPod;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.RenderedManifest;
import org.aiappstore.plugin.api.deployment.RenderedManifests;

/**
 * Apps as the API shows them. Whoever may manage an app sees its whole spec, secret values as
 * {@code ********} (the database does not have them anyway); anyone else who may see it gets its
 * image, state and URL only, never its environment.
 */
final class AppJson {

  private AppJson() {}

  static JsonObject backends(List<AppService.BackendSummary> backends, AppLimits limits) {
    return backendsJson(backends, limits).build();
  }

  /**
   * The backends and maxima, plus the caller's quotas and usage ({@code quota}: "3 of 5 apps") and
   * where an app without a backend goes ({@code defaultBackend}, {@code effectiveBackend}, and
   * {@code fallbackReason} when they differ).
   */
  static JsonObject backends(
      List<AppService.BackendSummary> backends,
      AppLimits limits,
      AppQuotas quotas,
      AppQuotas.Usage usage,
      AppBackendChoice.Choice choice) {
    JsonObjectBuilder json =
        backendsJson(backends, limits)
            .add(
                "quota",
                Json.createObjectBuilder()
                    .add("maxApps", quotas.maxApps())
                    .add("maxGpus", quotas.maxGpus())
                    .add("usedApps", usage.apps())
                    .add("usedGpus", usage.gpus()));
    optional(json, "defaultBackend", choice.defaultBackend());
    optional(json, "effectiveBackend", choice.effectiveBackend());
    optional(json, "fallbackReason", choice.fallbackReason());
    return json.build();
  }

  private static JsonObjectBuilder backendsJson(
      List<AppService.BackendSummary> backends, AppLimits limits) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (AppService.BackendSummary backend : backends) {
      JsonArrayBuilder capabilities = Json.createArrayBuilder();
      backend.capabilities().stream().map(Enum::name).sorted().forEach(capabilities::add);
      items.add(
          Json.createObjectBuilder()
              .add("id", backend.id())
              .add("displayName", backend.displayName())
              .add("capabilities", capabilities));
    }
    return Json.createObjectBuilder()
        .add("items", items)
        .add(
            "limits",
            Json.createObjectBuilder()
                .add("maxCpu", limits.maxCpu())
                .add("maxMemory", limits.maxMemory())
                .add("maxGpus", limits.maxGpus())
                .add("maxReplicas", limits.maxReplicas()));
  }

  /** A preview's {@code expiresAt}, added to its JSON; a card's demo does not expire. */
  static JsonObject expiring(JsonObject app, Instant expiresAt) {
    if (expiresAt == null) {
      return app;
    }
    return Json.createObjectBuilder(app).add("expiresAt", expiresAt.toString()).build();
  }

  /** Each document with its kind and name, and the whole as one YAML stream for kubectl. */
  static JsonObject manifests(RenderedManifests manifests) {
    JsonArrayBuilder documents = Json.createArrayBuilder();
    for (RenderedManifest document : manifests.documents()) {
      documents.add(
          Json.createObjectBuilder()
              .add("apiVersion", document.apiVersion())
              .add("kind", document.kind())
              .add("name", document.name())
              .add("yaml", document.yaml()));
    }
    return Json.createObjectBuilder()
        .add("documents", documents)
        .add("yaml", manifests.yaml())
        .build();
  }

  /** The app; {@code proxyUrl} is where users reach it ({@code AppOrigins#proxyUrl}). */
  static JsonObject app(App app, boolean manage, String proxyUrl) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", app.id())
            .add("image", app.image())
            .add("state", app.state().name().toLowerCase(Locale.ROOT))
            .add("createdAt", app.createdAt().toString())
            .add("updatedAt", app.updatedAt().toString());
    optional(json, "cardId", app.cardId());
    optional(json, "url", app.url());
    json.add("proxyUrl", proxyUrl);
    if (!manage) {
      return json.build();
    }
    JsonObjectBuilder env = Json.createObjectBuilder();
    app.env().forEach(env::add);
    JsonObjectBuilder secretEnv = Json.createObjectBuilder();
    app.secretEnvNames().forEach(name -> secretEnv.add(name, AppSpec.MASK));
    return json.add("name", app.name())
        .add("ownerId", app.ownerId())
        .add("backendId", app.backendId())
        .add("port", app.port())
        .add("env", env)
        .add("secretEnv", secretEnv)
        .add("resources", resources(app.resources()))
        .add("minReplicas", app.minReplicas())
        .add("maxReplicas", app.maxReplicas())
        .add("scaleToZero", app.scaleToZero())
        .add("version", app.version())
        .build();
  }

  private static JsonObject resources(AppResources r) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    optional(json, "cpuRequest", r.cpuRequest());
    optional(json, "cpuLimit", r.cpuLimit());
    optional(json, "memoryRequest", r.memoryRequest());
    optional(json, "memoryLimit", r.memoryLimit());
    return json.add("gpus", r.gpus()).build();
  }

  static JsonObject status(AppStatus s) {
    JsonArrayBuilder events = Json.createArrayBuilder();
    for (AppEvent e : s.events()) {
      JsonObjectBuilder event =
          Json.createObjectBuilder()
              .add("type", e.type())
              .add("reason", e.reason())
              .add("message", e.message())
              .add("object", e.object());
      optional(event, "time", e.time());
      events.add(event);
    }
    JsonArrayBuilder pods = Json.createArrayBuilder();
    for (AppPod p : s.pods()) {
      JsonObjectBuilder pod =
          Json.createObjectBuilder()
              .add("name", p.name())
              .add("ready", p.ready())
              .add("restarts", p.restarts())
              .add("containers", Json.createArrayBuilder(p.containers()));
      optional(pod, "createdAt", p.createdAt());
      pods.add(pod);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("phase", s.phase().name())
            .add("ready", s.ready())
            .add("wantedReplicas", s.wantedReplicas())
            .add("readyReplicas", s.readyReplicas())
            .add("message", s.message())
            .add("events", events)
            .add("pods", pods);
    optional(json, "url", s.url() == null ? null : s.url().toString());
    return json.build();
  }

  /** The status of an app the backend has no objects of. */
  static JsonObject missing(App app) {
    String message =
        switch (app.state()) {
          case CREATING -> "The app is being created.";
          case DELETING -> "The app is being deleted.";
          default -> "The app's objects are gone; restore it to re-create them.";
        };
    return Json.createObjectBuilder()
        .add("phase", app.state() == AppState.CREATING ? "PENDING" : "MISSING")
        .add("ready", false)
        .add("wantedReplicas", 0)
        .add("readyReplicas", 0)
        .add("message", message)
        .add("events", Json.createArrayBuilder())
        .add("pods", Json.createArrayBuilder())
        .build();
  }

  static JsonObject line(String pod, String container, String line, Instant timestamp) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("pod", pod).add("container", container).add("line", line);
    optional(json, "timestamp", timestamp);
    return json.build();
  }

  private static void optional(JsonObjectBuilder json, String key, Object value) {
    if (value != null) {
      json.add(key, value.toString());
    }
  }
}
