package org.aiappstore.plugin.api.error;

import java.util.List;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.config.ConfigViolation;

/**
 * A connector configuration does not match its schema: code {@link PlatformErrors#INVALID_CONFIG},
 * with one {@link ConfigViolation} per problem so that the admin UI can show each next to its
 * field.
 */
public class InvalidConfigException extends PlatformException {

  private static final long serialVersionUID = 1L;

  /** The violations, an immutable list of records. */
  private final List<ConfigViolation> violations;

  /**
   * Creates the exception.
   *
   * @param violations the problems found, at least one
   */
  public InvalidConfigException(List<ConfigViolation> violations) {
    super(PlatformErrors.INVALID_CONFIG, message(violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * The problems found.
   *
   * @return the violations, in schema order, never empty
   */
  public List<ConfigViolation> violations() {
    return violations;
  }

  private static String message(List<ConfigViolation> violations) {
    if (violations == null || violations.isEmpty()) {
      throw new IllegalArgumentException("An invalid configuration needs at least one violation");
    }
    return "Invalid configuration: "
        + violations.stream()
            .map(v -> v.property() + ": " + v.message())
            .collect(Collectors.joining("; "));
  }
}
