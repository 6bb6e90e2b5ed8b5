package org.aiappstore.plugin.api.deployment;

import java.util.Optional;
import java.util.regex.Pattern;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Validates names of environment variables: C identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}) of at
 * most {@value #MAX_LENGTH} characters, which every shell and runtime accepts and which are also
 * valid keys of a Kubernetes Secret.
 */
public final class EnvNames {

  /** The longest accepted name. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvNames() {}

  /**
   * What is wrong with a name.
   *
   * @param name the name to check
   * @return a message for a person, or empty if the name is valid
   */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of(
          "must start with a letter or '_' and contain only letters, digits and '_'");
    }
    return Optional.empty();
  }

  /**
   * Whether a name is valid.
   *
   * @param name the name to check
   * @return {@code true} if {@link #problem(String)} finds nothing
   */
  public static boolean isValid(String name) {
    return problem(name).isEmpty();
  }

  /**
   * Checks a name.
   *
   * @param name the name to check
   * @return the name
   * @throws PlatformException INVALID_ARGUMENT if the name is not valid
   */
  public static String requireValid(String name) {
    problem(name)
        .ifPresent(
            problem -> {
              throw PlatformException.invalidArgument(
                  "Environment variable name '" + name + "' " + problem);
            });
    return name;
  }
}
