package org.aiappstore.app.identity.user;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A person who can sign in. {@code version} guards compare-and-set updates; {@code
 * sessionsNotBefore} ends every access token issued before it (disable, password change, demotion
 * take effect at once). {@code issuer}/{@code subject} identify users provisioned from an external
 * OIDC provider, and {@code providerSignInAt} says when such a user last called with a token of the
 * provider (recorded at most hourly; null for local users and for users not seen since it was
 * introduced).
 */
public record User(
    String id,
    String username,
    String displayName,
    String email,
    Set<String> roles,
    String passwordHash,
    boolean disabled,
    Instant createdAt,
    Instant updatedAt,
    long version,
    Instant sessionsNotBefore,
    String issuer,
    String subject,
    Instant providerSignInAt) {

  public User {
    roles = Set.copyOf(roles);
  }

  /** Usernames are unique regardless of case. */
  public static String usernameKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  public boolean isEnabledAdmin() {
    return isAdmin() && !disabled;
  }

  public boolean isExternal() {
    return issuer != null;
  }

  public User withProfile(String displayName, String email, Instant now) {
    return changed(displayName, email, roles, passwordHash, disabled, now, sessionsNotBefore);
  }

  public User withRoles(Set<String> roles, Instant now) {
    return changed(
        displayName, email, Role.normalize(roles), passwordHash, disabled, now, sessionsNotBefore);
  }

  public User withDisabled(boolean disabled, Instant now) {
    return changed(displayName, email, roles, passwordHash, disabled, now, sessionsNotBefore);
  }

  public User withPasswordHash(String passwordHash, Instant now) {
    return changed(displayName, email, roles, passwordHash, disabled, now, sessionsNotBefore);
  }

  /** A copy saying the user signed in through the external provider at {@code at}. */
  public User withProviderSignIn(Instant at) {
    return copy(
        displayName, email, roles, passwordHash, disabled, updatedAt, sessionsNotBefore, at);
  }

  /** Ends every session and access token issued before {@code now}. */
  public User endingSessions(Instant now) {
    return changed(displayName, email, roles, passwordHash, disabled, now, now);
  }

  /** A copy with the fields a change may touch; identity, creation and version stay as they are. */
  private User changed(
      String displayName,
      String email,
      Set<String> roles,
      String passwordHash,
      boolean disabled,
      Instant updatedAt,
      Instant sessionsNotBefore) {
    return copy(
        displayName,
        email,
        roles,
        passwordHash,
        disabled,
        updatedAt,
        sessionsNotBefore,
        providerSignInAt);
  }

  private User copy(
      String displayName,
      String email,
      Set<String> roles,
      String passwordHash,
      boolean disabled,
      Instant updatedAt,
      Instant sessionsNotBefore,
      Instant providerSignInAt) {
    return new User(
        id,
        username,
        displayName,
        email,
        roles,
        passwordHash,
        disabled,
        createdAt,
        updatedAt,
        version,
        sessionsNotBefore,
        issuer,
        subject,
        providerSignInAt);
  }
}
