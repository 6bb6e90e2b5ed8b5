package org.aiappstore.plugin.api.config;

import java.util.Objects;

/**
 * A problem with one configuration value.
 *
 * @param property the property name (or the unknown key)
 * @param message what is wrong, for a person to read
 */
public record ConfigViolation(String property, String message) {

  /**
   * Validates the violation.
   *
   * @param property the property name (or the unknown key)
   * @param message what is wrong, for a person to read
   */
  public ConfigViolation {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(message, "message");
  }
}
