package org.aiappstore.plugin.api.deployment;

import java.util.List;
import java.util.Optional;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A configured connection to a platform that runs demo apps, e.g. KNative or plain Deployments
 * routed by Emissary, in one Kubernetes namespace.
 *
 * <p>Every operation is a {@code default} method that throws {@link PlatformErrors#NOT_SUPPORTED},
 * so that backends written against an older API keep loading; a backend overrides what it supports
 * and declares the optional parts in its capabilities. The host authorizes every call (who may
 * deploy, scale, restore or read logs of which app); a backend trusts its caller.
 *
 * <p>Errors are {@link PlatformException}s: {@code NOT_FOUND} (404) for an unknown app, {@code
 * CONFLICT} (409) for a name or id already in use, {@code INVALID_ARGUMENT} (422, an {@link
 * InvalidAppSpecException} for a spec) for values the backend or its administrator does not allow,
 * {@code NOT_SUPPORTED} (501) for an undeclared capability, {@code QUOTA_EXCEEDED} (409) when the
 * namespace's quota is exhausted, {@code UNAUTHORIZED_REMOTE} (502) when the cluster refuses the
 * backend's credentials, {@code UNAVAILABLE} (503) and {@code TIMEOUT} (504) when it cannot be
 * reached. Messages never contain secret values.
 */
public interface DeploymentBackend extends Connector {

  /**
   * Renders the objects {@link #deploy} would create, without contacting the cluster for anything
   * but the current scale. Needs {@link DeploymentCapability#PREVIEW}.
   *
   * @param spec the app
   * @return the manifests, secret values masked
   * @throws PlatformException NOT_SUPPORTED by default; INVALID_ARGUMENT if the backend does not
   *     allow the spec
   */
  default RenderedManifests preview(AppSpec spec) {
    throw PlatformException.notSupported("This deployment backend cannot preview manifests");
  }

  /**
   * Creates an app's objects and returns at once; the app then starts in the background (watch
   * {@link #status}).
   *
   * @param spec the app; secret values must be given (not {@link AppSpec#MASK})
   * @return the status right after creation, usually {@link AppPhase#PENDING}
   * @throws PlatformException CONFLICT if the app id or name is already in use in the namespace;
   *     INVALID_ARGUMENT if the backend does not allow the spec; NOT_SUPPORTED for scale to zero or
   *     GPUs without the capability
   */
  default AppStatus deploy(AppSpec spec) {
    throw PlatformException.notSupported("This deployment backend cannot deploy apps");
  }

  /**
   * Observes an app.
   *
   * @param appId the app id
   * @return its status
   * @throws PlatformException NOT_FOUND if the backend has no such app
   */
  default AppStatus status(String appId) {
    throw PlatformException.notSupported("This deployment backend cannot report status");
  }

  /**
   * Changes an app (image, port, environment, resources, replica range) with a rolling update. The
   * current scale is kept within the new replica range; a secret value of {@link AppSpec#MASK}
   * keeps the stored value, and secret variables left out are removed.
   *
   * @param spec the new spec, with the same app id and name
   * @return the status after the change
   * @throws PlatformException NOT_FOUND if the backend has no such app; INVALID_ARGUMENT as for
   *     {@link #deploy}
   */
  default AppStatus update(AppSpec spec) {
    throw PlatformException.notSupported("This deployment backend cannot update apps");
  }

  /**
   * Sets the instances an app should run now: the Deployment's replicas, or the minimum scale of an
   * autoscaled app. Kept by later updates and restores, within their replica range; 0 is kept as it
   * is.
   *
   * <p>0 stops the app (its phase becomes {@link AppPhase#SCALED_TO_ZERO}) on every backend that
   * can scale: {@link DeploymentCapability#SCALE_TO_ZERO} is about going down to zero on its own
   * when idle and waking up on a request, not about being stopped by its owner.
   *
   * @param appId the app id
   * @param replicas from 0 to the app's {@link AppSpec#maxReplicas()}
   * @return the status after the change
   * @throws PlatformException NOT_FOUND if the backend has no such app; INVALID_ARGUMENT above the
   *     maximum
   */
  default AppStatus scale(String appId, int replicas) {
    throw PlatformException.notSupported("This deployment backend cannot scale apps");
  }

  /**
   * Re-applies an app's objects: re-creates deleted ones and resets changed ones to the spec,
   * keeping the current scale and the stored secret values.
   *
   * @param spec the app as the host knows it; secret values may be {@link AppSpec#MASK}
   * @return the status after the repair
   * @throws PlatformException CONFLICT if a masked secret value is needed but its Secret is gone
   *     (set the values again with {@link #update}); INVALID_ARGUMENT as for {@link #deploy}
   */
  default AppStatus restore(AppSpec spec) {
    throw PlatformException.notSupported("This deployment backend cannot restore apps");
  }

  /**
   * Deletes every object labelled with the app id. Idempotent.
   *
   * @param appId the app id
   * @return {@code true} if something was deleted
   */
  default boolean delete(String appId) {
    throw PlatformException.notSupported("This deployment backend cannot delete apps");
  }

  /**
   * Reads an app's logs and delivers them to a listener on a backend thread; returns at once. Needs
   * {@link DeploymentCapability#LOGS}.
   *
   * <p>Without {@link LogRequest#follow()}, the selected lines of each chosen container are
   * delivered, then {@link LogListener#onEnd()}. In follow mode new lines keep coming, each once,
   * across container restarts, new pods (when no pod is chosen) and dropped connections, until the
   * subscription is closed or the app is deleted ({@link LogListener#onError} with NOT_FOUND).
   *
   * @param appId the app id
   * @param request which lines
   * @param listener receives the lines
   * @return the subscription, to close when the reader goes away
   * @throws PlatformException NOT_FOUND (before anything is delivered) if the app, the chosen pod
   *     or the chosen container does not exist; NOT_SUPPORTED by default
   */
  default LogSubscription logs(String appId, LogRequest request, LogListener listener) {
    throw PlatformException.notSupported("This deployment backend cannot read logs");
  }

  /**
   * Lists the apps this backend manages in its namespace, for the host's reconciler, which must
   * compare {@link ManagedApp#createdAt()} with a grace period before deleting an app it has no
   * record of. Needs {@link DeploymentCapability#LIST_MANAGED}.
   *
   * @return the apps, by name
   * @throws PlatformException NOT_SUPPORTED by default
   */
  default List<ManagedApp> listManaged() {
    throw PlatformException.notSupported("This deployment backend cannot list its apps");
  }

  /**
   * Why this backend cannot run apps on its cluster at all, e.g. the platform it builds on (KNative
   * Serving) is not installed; the host then deploys to another backend. A cluster that cannot be
   * reached is not such a reason: it may be back in a moment, and another backend on the same
   * cluster would not help. Hosts cache the answer for about a minute.
   *
   * @return the reason, for an administrator to read; empty (the default) when apps can run
   */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }
}
