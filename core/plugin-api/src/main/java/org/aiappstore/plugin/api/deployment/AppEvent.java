package org.aiappstore.plugin.api.deployment;

import java.time.Instant;
import java.util.Objects;

/**
 * A recent event of an app's objects, such as a Kubernetes Event.
 *
 * @param time when it last happened, or {@code null} if unknown
 * @param type {@code Normal} or {@code Warning}
 * @param reason a short machine-readable reason, e.g. {@code Pulled}, {@code BackOff}
 * @param message what happened, for a person to read
 * @param object the object it concerns, e.g. {@code Pod/demo-7f9c-x2kqz}
 */
public record AppEvent(Instant time, String type, String reason, String message, String object) {

  /**
   * Validates the event.
   *
   * @param time when it last happened, or {@code null} if unknown
   * @param type {@code Normal} or {@code Warning}
   * @param reason a short machine-readable reason
   * @param message what happened
   * @param object the object it concerns
   */
  public AppEvent {
    type = Objects.requireNonNullElse(type, "Normal");
    reason = Objects.requireNonNullElse(reason, "");
    message = Objects.requireNonNullElse(message, "");
    object = Objects.requireNonNullElse(object, "");
  }

  /**
   * Whether this is a warning.
   *
   * @return {@code true} for type {@code Warning}
   */
  public boolean warning() {
    return "Warning".equalsIgnoreCase(type);
  }
}
