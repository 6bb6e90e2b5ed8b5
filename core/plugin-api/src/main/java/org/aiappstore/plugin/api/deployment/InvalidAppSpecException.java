package org.aiappstore.plugin.api.deployment;

import java.util.List;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * An {@link AppSpec} is invalid, or exceeds what a backend or its administrator allows: code {@link
 * PlatformErrors#INVALID_ARGUMENT} (HTTP 422), with one {@link SpecViolation} per problem so that a
 * form can show each next to its field.
 */
public class InvalidAppSpecException extends PlatformException {

  private static final long serialVersionUID = 1L;

  /** The violations, an immutable list of records. */
  private final List<SpecViolation> violations;

  /**
   * Creates the exception.
   *
   * @param violations the problems found, at least one
   */
  public InvalidAppSpecException(List<SpecViolation> violations) {
    super(PlatformErrors.INVALID_ARGUMENT, message(violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * The problems found.
   *
   * @return the violations, never empty
   */
  public List<SpecViolation> violations() {
    return violations;
  }

  private static String message(List<SpecViolation> violations) {
    if (violations == null || violations.isEmpty()) {
      throw new IllegalArgumentException("An invalid app spec needs at least one violation");
    }
    return "Invalid app: "
        + violations.stream()
            .map(v -> v.field() + " " + v.message())
            .collect(Collectors.joining("; "));
  }
}
