package org.aiappstore.app.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.problem.ProblemException;

/**
 * The authenticated caller of a request and the kind of credential it presented, stored as a
 * request attribute by {@link BearerTokenMechanism}. {@code scope} is set for personal tokens only.
 */
public record Caller(
    String userId, String username, Set<String> roles, CredentialKind kind, String scope) {

  public static final String ATTRIBUTE = Caller.class.getName();

  /** How the caller proved who they are. */
  public enum CredentialKind {
    SESSION,
    PERSONAL_TOKEN,
    EXTERNAL
  }

  public static Optional<Caller> of(HttpServletRequest request) {
    return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
  }

  /** The caller of a resource that requires authentication (the role filter ran already). */
  public static Caller required(HttpServletRequest request) {
    return of(request)
        .orElseThrow(
            () ->
                new ProblemException(
                    401,
                    "UNAUTHORIZED",
                    "Sign in to do this.",
                    java.util.List.of(),
                    java.util.Map.of("WWW-Authenticate", "Bearer")));
  }

  /**
   * Some actions need a person at a keyboard, not a script: managing tokens and passwords (one's
   * own, and an admin's creating users or setting their passwords) is refused to personal API
   * tokens, so a leaked token cannot mint more credentials.
   */
  public Caller requireSession(String action) {
    if (kind == CredentialKind.PERSONAL_TOKEN) {
      throw new ProblemException(
          403,
          "SESSION_REQUIRED",
          "A personal API token cannot "
              + action
              + "; sign in and use a session access token instead.");
    }
    return this;
  }
}
