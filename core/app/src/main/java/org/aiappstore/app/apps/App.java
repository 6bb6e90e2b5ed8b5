package org.aiappstore.app.apps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.deployment.AppResources;

/**
 * A stored demo app. Secret environment values are never part of it: only their names are kept
 * here, the values live in the backend's Kubernetes Secret. {@code version} grows by one on every
 * change and guards compare-and-set writes.
 *
 * @param id the app id, also its Kubernetes label value
 * @param name the name of its Kubernetes objects, derived from the id
 * @param cardId the card whose demo it is, or {@code null} for a preview app
 * @param ownerId the user who may change it (with admins)
 * @param backendId the deployment-backend connector instance that runs it
 * @param image the container image
 * @param port the port the container serves HTTP on
 * @param env plain environment variables, in order
 * @param secretEnvNames names of the secret environment variables, in order
 * @param resources CPU, memory and GPUs
 * @param minReplicas instances kept running
 * @param maxReplicas instances at most
 * @param scaleToZero whether an idle app may scale down to no instance
 * @param state the platform's life-cycle state
 * @param url where users reach it, or {@code null} while unknown
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 * @param version the compare-and-set version, from 1
 */
public record App(
    String id,
    String name,
    String cardId,
    String ownerId,
    String backendId,
    String image,
    int port,
    Map<String, String> env,
    List<String> secretEnvNames,
    AppResources resources,
    int minReplicas,
    int maxReplicas,
    boolean scaleToZero,
    AppState state,
    String url,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public App {
    env =
        env == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    secretEnvNames = secretEnvNames == null ? List.of() : List.copyOf(secretEnvNames);
    resources = resources == null ? AppResources.none() : resources;
  }

  /** The prefix of every app's object name; names must start with a letter. */
  static final String NAME_PREFIX = "app-";

  /** The name of an app's objects: a DNS-1035 label derived from its id. */
  static String nameOf(String id) {
    return NAME_PREFIX + id;
  }

  /**
   * The most GPUs the app may hold at once: its GPUs per instance times its most instances, which
   * an autoscaler may reach on its own. Quotas count this, not the GPUs of one instance.
   */
  int gpusAtMost() {
    return gpusAtMost(resources.gpus(), maxReplicas);
  }

  static int gpusAtMost(int gpusPerInstance, int instances) {
    return Math.multiplyExact(gpusPerInstance, Math.max(instances, 0));
  }

  App withState(AppState next, Instant now) {
    return new App(
        id,
        name,
        cardId,
        ownerId,
        backendId,
        image,
        port,
        env,
        secretEnvNames,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        next,
        url,
        createdAt,
        now,
        version + 1);
  }

  /** The same app at another compare-and-set version. */
  App withVersion(long nextVersion) {
    return new App(
        id,
        name,
        cardId,
        ownerId,
        backendId,
        image,
        port,
        env,
        secretEnvNames,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        state,
        url,
        createdAt,
        updatedAt,
        nextVersion);
  }

  App withUrl(String nextUrl) {
    return new App(
        id,
        name,
        cardId,
        ownerId,
        backendId,
        image,
        port,
        env,
        secretEnvNames,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        state,
        nextUrl,
        createdAt,
        updatedAt,
        version);
  }

  /** The app as the demo of a card, managed by the card's owner: no longer a preview. */
  App attachedTo(String nextCardId, String nextOwnerId) {
    return new App(
        id,
        name,
        nextCardId,
        nextOwnerId,
        backendId,
        image,
        port,
        env,
        secretEnvNames,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        state,
        url,
        createdAt,
        updatedAt,
        version + 1);
  }

  /** The app under another owner, who manages it from now on (its card was handed over). */
  App ownedBy(String nextOwnerId, Instant now) {
    return new App(
        id,
        name,
        cardId,
        nextOwnerId,
        backendId,
        image,
        port,
        env,
        secretEnvNames,
        resources,
        minReplicas,
        maxReplicas,
        scaleToZero,
        state,
        url,
        createdAt,
        now,
        version + 1);
  }
}
