package org.aiappstore.plugin.api.deployment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An app a backend finds running in its namespace, for the host's reconciler. The reconciler
 * compares these with its own records; it must leave alone an app created less than a grace period
 * ago (it may still be being created) and an app that is already {@link #deleting()}.
 *
 * @param appId the app id, from the {@link AppLabels#APP_ID} label
 * @param name the name of the app's main object
 * @param createdAt when the main object was created (its Kubernetes creation timestamp)
 * @param deleting whether its deletion has started
 * @param labels all labels of the main object, including the extra labels of its spec
 */
public record ManagedApp(
    String appId, String name, Instant createdAt, boolean deleting, Map<String, String> labels) {

  /**
   * Validates the app.
   *
   * @param appId the app id
   * @param name the name of the app's main object
   * @param createdAt when the main object was created
   * @param deleting whether its deletion has started
   * @param labels all labels of the main object
   */
  public ManagedApp {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
