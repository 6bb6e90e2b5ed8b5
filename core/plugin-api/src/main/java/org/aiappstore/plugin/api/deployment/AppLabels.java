package org.aiappstore.plugin.api.deployment;

import java.util.Set;

/**
 * The labels deployment backends put on every Kubernetes object they create, so that the host (and
 * an administrator with {@code kubectl}) can find the objects of an app and tell managed objects
 * from others.
 */
public final class AppLabels {

  /** The standard label naming the tool that manages an object. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The value of {@link #MANAGED_BY} on objects of this platform. */
  public static final String MANAGED_BY_VALUE = "aiappstore";

  /** The standard label naming the application; holds {@link AppSpec#name()}. */
  public static final String NAME = "app.kubernetes.io/name";

  /** The app id, {@link AppSpec#appId()}. */
  public static final String APP_ID = "aiappstore.org/app-id";

  /**
   * The backend's connector id, e.g. {@code knative}, so backends sharing a namespace never mix.
   */
  public static final String BACKEND = "aiappstore.org/backend";

  /** The keys an {@link AppSpec} may not set in {@link AppSpec#labels()}. */
  public static final Set<String> RESERVED = Set.of(MANAGED_BY, NAME, APP_ID, BACKEND);

  private AppLabels() {}
}
