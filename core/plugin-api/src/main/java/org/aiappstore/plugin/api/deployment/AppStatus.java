package org.aiappstore.plugin.api.deployment;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a backend observes of an app. Never contains environment values.
 *
 * @param appId the app id
 * @param name the name of the app's objects
 * @param phase where the app is in its life
 * @param ready whether the app answers requests now (running, or scaled to zero and starting on
 *     demand)
 * @param wantedReplicas the instances the app should have now: the Deployment's replicas, or the
 *     minimum scale of an autoscaled app
 * @param readyReplicas the instances ready now
 * @param message what is going on, for a person to read, e.g. "1 of 2 instances ready" or the
 *     reason of a failure
 * @param url where users reach the app, or {@code null} if not known yet
 * @param events recent events of the app's objects, newest first
 * @param pods the app's current instances
 */
public record AppStatus(
    String appId,
    String name,
    AppPhase phase,
    boolean ready,
    int wantedReplicas,
    int readyReplicas,
    String message,
    URI url,
    List<AppEvent> events,
    List<AppPod> pods) {

  /**
   * Validates the status.
   *
   * @param appId the app id
   * @param name the name of the app's objects
   * @param phase where the app is in its life
   * @param ready whether the app answers requests now
   * @param wantedReplicas the instances the app should have now
   * @param readyReplicas the instances ready now
   * @param message what is going on
   * @param url where users reach the app, or {@code null}
   * @param events recent events, newest first
   * @param pods the app's current instances
   */
  public AppStatus {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(phase, "phase");
    message = Objects.requireNonNullElse(message, "");
    events = events == null ? List.of() : List.copyOf(events);
    pods = pods == null ? List.of() : List.copyOf(pods);
    if (wantedReplicas < 0 || readyReplicas < 0) {
      throw new IllegalArgumentException("replica counts must not be negative");
    }
  }
}
