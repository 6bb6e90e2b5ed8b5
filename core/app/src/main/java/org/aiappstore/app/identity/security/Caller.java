package org.aiappstore.app.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.problem.ProblemException;

/**
 * The authenticated caller of a request and the credential it presented, stored as a request
 * attribute by {@link BearerTokenMechanism}. {@code scope} is set for personal tokens only.
 */
public record Caller(
    String userId, String username, Set<String> roles, Credential credential, String scope) {

  public static final String ATTRIBUTE = Caller.class.getName();

  /** How the caller proved who they are. */
  public enum CredentialKind {
    SESSION,
    PERSONAL_TOKEN,
    EXTERNAL
  }

  /**
   * The credential behind a caller, as far as what is issued on its strength (an app ticket) must
   * end with it: a session's refresh-token family ({@code id}, ended by signing out), a personal
   * token's {@code id} (ended by revoking it), or an external provider's access token, known only
   * by when it expires ({@code expiresAt}: the platform does not see a sign-out at the provider).
   */
  public record Credential(CredentialKind kind, String id, Instant expiresAt) {

    public static Credential session(String familyId) {
      return new Credential(CredentialKind.SESSION, familyId, null);
    }

    public static Credential personalToken(String tokenId) {
      return new Credential(CredentialKind.PERSONAL_TOKEN, tokenId, null);
    }

    public static Credential external(Instant expiresAt) {
      return new Credential(CredentialKind.EXTERNAL, null, expiresAt);
    }
  }

  public CredentialKind kind() {
    return credential.kind();
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
    if (kind() == CredentialKind.PERSONAL_TOKEN) {
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
