package org.aiappstore.app.apps;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.AppEvent;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppPod;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.ManagedApp;
import org.aiappstore.plugin.api.deployment.RenderedManifest;
import org.aiappstore.plugin.api.deployment.RenderedManifests;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A deployment backend that keeps apps in memory the way a real one keeps them in Kubernetes:
 * secret values stored apart and kept when sent back masked, creation times from a clock.
 */
class InMemoryDeploymentBackend implements DeploymentBackend {

  record Deployed(AppSpec spec, Map<String, String> secrets, Instant createdAt, int replicas) {}

  final Map<String, Deployed> apps = new LinkedHashMap<>();
  final List<String> deleted = new ArrayList<>();
  final Set<String> deletingIds = new java.util.HashSet<>();
  private final Clock clock;
  RuntimeException failNextDeploy;
  RuntimeException failNextUpdate;

  InMemoryDeploymentBackend(Clock clock) {
    this.clock = clock;
  }

  @Override
  public org.aiappstore.plugin.api.ConnectionCheck checkConnection() {
    return org.aiappstore.plugin.api.ConnectionCheck.ok("fine", 0);
  }

  /** Echoes the secret values it is given, so a test sees whether the host masked them. */
  @Override
  public RenderedManifests preview(AppSpec spec) {
    StringBuilder secret = new StringBuilder("kind: Secret\nstringData:\n");
    spec.secretEnv()
        .forEach((k, v) -> secret.append("  ").append(k).append(": ").append(v).append('\n'));
    return new RenderedManifests(
        List.of(
            new RenderedManifest("v1", "Secret", spec.name(), secret.toString()),
            new RenderedManifest(
                "apps/v1",
                "Deployment",
                spec.name(),
                "kind: Deployment\nimage: " + spec.image() + "\n")));
  }

  @Override
  public synchronized AppStatus deploy(AppSpec spec) {
    if (failNextDeploy != null) {
      RuntimeException failure = failNextDeploy;
      failNextDeploy = null;
      // Like a timeout after the objects were created.
      apps.put(spec.appId(), new Deployed(spec, spec.secretEnv(), clock.instant(), 1));
      throw failure;
    }
    if (apps.containsKey(spec.appId())) {
      throw new PlatformException(
          org.aiappstore.plugin.api.error.PlatformErrors.CONFLICT, "exists");
    }
    apps.put(
        spec.appId(), new Deployed(spec, spec.secretEnv(), clock.instant(), spec.minReplicas()));
    return status(spec.appId());
  }

  @Override
  public synchronized AppStatus status(String appId) {
    Deployed d = require(appId);
    return new AppStatus(
        appId,
        d.spec().name(),
        AppPhase.RUNNING,
        true,
        d.replicas(),
        d.replicas(),
        d.replicas() + " of " + d.replicas() + " instances ready",
        URI.create("https://apps.example.com/apps/" + d.spec().name() + "/"),
        List.of(
            new AppEvent(
                d.createdAt(),
                "Normal",
                "Pulled",
                "Pulled image " + d.spec().image(),
                "Pod/" + d.spec().name() + "-0")),
        List.of(new AppPod(d.spec().name() + "-0", true, 0, List.of("app"), d.createdAt())));
  }

  @Override
  public synchronized AppStatus update(AppSpec spec) {
    if (failNextUpdate != null) {
      RuntimeException failure = failNextUpdate;
      failNextUpdate = null;
      throw failure;
    }
    Deployed d = require(spec.appId());
    apps.put(
        spec.appId(),
        new Deployed(spec, merge(d.secrets(), spec.secretEnv()), d.createdAt(), d.replicas()));
    return status(spec.appId());
  }

  @Override
  public synchronized AppStatus restore(AppSpec spec) {
    Deployed d = apps.get(spec.appId());
    Map<String, String> stored = d == null ? Map.of() : d.secrets();
    apps.put(
        spec.appId(),
        new Deployed(
            spec,
            merge(stored, spec.secretEnv()),
            d == null ? clock.instant() : d.createdAt(),
            d == null ? spec.minReplicas() : d.replicas()));
    return status(spec.appId());
  }

  @Override
  public synchronized AppStatus scale(String appId, int replicas) {
    Deployed d = require(appId);
    apps.put(appId, new Deployed(d.spec(), d.secrets(), d.createdAt(), replicas));
    return status(appId);
  }

  @Override
  public synchronized boolean delete(String appId) {
    deleted.add(appId);
    return apps.remove(appId) != null;
  }

  @Override
  public synchronized List<ManagedApp> listManaged() {
    List<ManagedApp> managed = new ArrayList<>();
    apps.forEach(
        (id, d) ->
            managed.add(
                new ManagedApp(
                    id, d.spec().name(), d.createdAt(), deletingIds.contains(id), Map.of())));
    return managed;
  }

  /** Objects created behind the host's back, e.g. left by a crashed replica. */
  synchronized void addUnknown(String appId, Instant createdAt) {
    apps.put(
        appId,
        new Deployed(
            AppSpec.builder(appId, "app-" + appId, "ghcr.io/acme/x:1", 80).build(),
            Map.of(),
            createdAt,
            1));
  }

  private static Map<String, String> merge(Map<String, String> stored, Map<String, String> sent) {
    Map<String, String> merged = new LinkedHashMap<>();
    sent.forEach((k, v) -> merged.put(k, AppSpec.MASK.equals(v) ? stored.get(k) : v));
    return merged;
  }

  private Deployed require(String appId) {
    Deployed d = apps.get(appId);
    if (d == null) {
      throw PlatformException.notFound("No app " + appId);
    }
    return d;
  }
}
