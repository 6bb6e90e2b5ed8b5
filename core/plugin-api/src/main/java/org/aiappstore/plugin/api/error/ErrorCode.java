package org.aiappstore.plugin.api.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a kind of error.
 *
 * @param namespace {@value #PLATFORM_NAMESPACE} for platform codes, the plugin id for plugin codes;
 *     matches {@code [a-z][a-z0-9-]*}
 * @param name the code name, matching {@code [A-Z][A-Z0-9_]*}, e.g. {@code NOT_FOUND}
 * @param type who is at fault
 * @param httpStatus the HTTP status the host answers with, 400 to 599
 */
public record ErrorCode(String namespace, String name, ErrorType type, int httpStatus) {

  /** The namespace of the platform's own codes, see {@link PlatformErrors}. */
  public static final String PLATFORM_NAMESPACE = "platform";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  /**
   * Validates the code.
   *
   * @param namespace {@value #PLATFORM_NAMESPACE} for platform codes, the plugin id for plugin
   *     codes; matches {@code [a-z][a-z0-9-]*}
   * @param name the code name, matching {@code [A-Z][A-Z0-9_]*}, e.g. {@code NOT_FOUND}
   * @param type who is at fault
   * @param httpStatus the HTTP status the host answers with, 400 to 599
   */
  public ErrorCode {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "Error namespace '" + namespace + "' must match " + NAMESPACE.pattern());
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Error name '" + name + "' must match " + NAME.pattern());
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException(
          "HTTP status of " + name + " must be within 400..599, not " + httpStatus);
    }
  }

  /**
   * The identifier used in problem details: the bare name for platform codes, {@code
   * namespace:name} otherwise.
   *
   * @return e.g. {@code NOT_FOUND} or {@code s3:BUCKET_MISSING}
   */
  public String id() {
    return PLATFORM_NAMESPACE.equals(namespace) ? name : namespace + ":" + name;
  }
}
