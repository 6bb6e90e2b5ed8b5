package org.aiappstore.app.identity.password;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * The rules a new password must follow (NIST SP 800-63B style: length and a deny list, no
 * composition rules). Each broken rule is reported with its own message.
 */
@ApplicationScoped
public class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;

  private static final Set<String> COMMON = load();

  /** The broken rules, empty when the password is acceptable. */
  public List<String> violations(String password, String username) {
    List<String> violations = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      violations.add("A password is required.");
      return violations;
    }
    if (password.length() < MIN_LENGTH) {
      violations.add("The password must have at least " + MIN_LENGTH + " characters.");
    }
    if (password.length() > MAX_LENGTH) {
      violations.add("The password must have at most " + MAX_LENGTH + " characters.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null && !username.isBlank()) {
      String name = username.toLowerCase(Locale.ROOT);
      if (lower.equals(name)) {
        violations.add("The password must not be the username.");
      } else if (lower.contains(name)) {
        violations.add("The password must not contain the username.");
      }
    }
    if (COMMON.contains(lower)) {
      violations.add("The password is too common; choose one that is harder to guess.");
    }
    return violations;
  }

  /** Throws a 422 problem pointing at {@code pointer} when a rule is broken. */
  public void check(String password, String username, String pointer) {
    List<String> violations = violations(password, username);
    if (!violations.isEmpty()) {
      throw new ProblemException(
          422,
          "WEAK_PASSWORD",
          "The password does not meet the password policy.",
          violations.stream().map(v -> new Problem.FieldError(pointer, v)).toList(),
          java.util.Map.of());
    }
  }

  private static Set<String> load() {
    try (InputStream in =
            PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
