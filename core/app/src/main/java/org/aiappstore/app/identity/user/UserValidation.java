package org.aiappstore.app.identity.user;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.aiappstore.app.problem.Problem;

/** Field rules for user data; each broken rule becomes a field error with its JSON pointer. */
public final class UserValidation {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,59}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private UserValidation() {}

  public static void username(String username, List<Problem.FieldError> errors) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add(
          new Problem.FieldError(
              "/username",
              "Use 3 to 60 letters, digits, '.', '_', '@' or '-', starting with a letter or digit."));
    }
  }

  public static void displayName(String displayName, List<Problem.FieldError> errors) {
    if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
      errors.add(
          new Problem.FieldError("/displayName", "Give a display name of 1 to 100 characters."));
    }
  }

  public static void email(String email, List<Problem.FieldError> errors) {
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      errors.add(new Problem.FieldError("/email", "This is not an email address."));
    }
  }

  public static void roles(Collection<String> roles, List<Problem.FieldError> errors) {
    if (roles == null || roles.isEmpty()) {
      errors.add(new Problem.FieldError("/roles", "Give at least one role: user or admin."));
    } else if (!Role.ALL.containsAll(roles)) {
      errors.add(new Problem.FieldError("/roles", "Roles are 'user' and 'admin'."));
    }
  }
}
