package org.aiappstore.plugin.api.deployment;

import java.util.Objects;

/**
 * A problem with one field of an {@link AppSpec}.
 *
 * @param field the field path, dotted: {@code image}, {@code port}, {@code env.API_URL}, {@code
 *     secretEnv.TOKEN}, {@code resources.cpuLimit}, {@code maxReplicas}, {@code labels.team}
 * @param message what is wrong, for a person to read; never contains a secret value
 */
public record SpecViolation(String field, String message) {

  /**
   * Validates the violation.
   *
   * @param field the field path, dotted
   * @param message what is wrong, for a person to read
   */
  public SpecViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
