package org.aiappstore.app.identity.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.aiappstore.app.audit.Auditor;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.token.AccessTokens;
import org.aiappstore.app.identity.token.IssuedAccessToken;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.identity.user.UserView;
import org.aiappstore.app.problem.ProblemException;

/** Sign-in with a password, refresh, sign-out and change of one's own password. */
@ApplicationScoped
public class SessionService {

  private static final int CAS_ATTEMPTS = 5;

  @Inject UserRepository users;
  @Inject PasswordHasher hasher;
  @Inject PasswordPolicy policy;
  @Inject AccessTokens accessTokens;
  @Inject RefreshTokenStore refreshTokens;
  @Inject LoginThrottle throttle;
  @Inject PersonalTokenStore personalTokens;
  @Inject Auditor auditor;

  private final Clock clock = Clock.systemUTC();

  /**
   * Unknown user, wrong password and disabled account all give the same answer, after the same
   * amount of hashing work, so neither the answer nor its timing tells which usernames exist. The
   * throttle is asked before the password is checked, and counts the attempt at once, so parallel
   * guesses get no more checks than sequential ones.
   */
  public SignedIn login(String username, String password, String clientAddress) {
    LoginThrottle.Attempt attempt = throttle.reserve(User.usernameKey(username), clientAddress);
    Optional<User> user = users.findByUsername(username);
    boolean valid;
    if (user.isPresent() && user.get().passwordHash() != null) {
      valid = hasher.verify(password, user.get().passwordHash());
    } else {
      hasher.verifyAgainstDummy(password);
      valid = false;
    }
    if (!valid || user.get().disabled()) {
      throw invalidCredentials(); // the attempt keeps its places: a failure
    }
    throttle.forgive(attempt);
    return startSession(user.get(), clock.instant());
  }

  public SignedIn refresh(String refreshToken) {
    RefreshTokenStore.Rotation rotation;
    try {
      rotation = refreshTokens.rotate(refreshToken);
    } catch (RefreshTokenStore.RefusedException e) {
      throw new ProblemException(401, "INVALID_REFRESH_TOKEN", e.getMessage());
    }
    User user = users.findById(rotation.userId()).orElse(null);
    boolean ended =
        user == null
            || user.disabled()
            || (user.sessionsNotBefore() != null
                && rotation.familyCreatedAt().isBefore(user.sessionsNotBefore()));
    if (ended) {
      refreshTokens.revokeFamily(rotation.familyId());
      throw new ProblemException(
          401, "INVALID_REFRESH_TOKEN", "The session has ended; sign in again.");
    }
    IssuedAccessToken access =
        accessTokens.issue(user.id(), user.username(), user.roles(), rotation.familyId());
    return new SignedIn(response(access, user), rotation.token());
  }

  /**
   * Ends the session: its refresh tokens, and with them what was issued on its strength (app
   * tickets); its access tokens run out within minutes.
   */
  public void logout(String refreshToken) {
    refreshTokens.familyOf(refreshToken).ifPresent(refreshTokens::revokeFamily);
  }

  /**
   * Checks the current password under the account's login throttle (a wrong one counts as a failed
   * sign-in, the right one forgives them), then ends every other session (access tokens through
   * sessionsNotBefore, refresh tokens by revocation), revokes the user's personal API tokens (as
   * good as the password, so they go with it) and starts a new session for the caller, who stays
   * signed in.
   */
  public SignedIn changePassword(String userId, String currentPassword, String newPassword) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      User user =
          users
              .findById(userId)
              .orElseThrow(() -> new ProblemException(401, "UNAUTHORIZED", "Sign in to do this."));
      if (user.isExternal()) {
        throw new ProblemException(
            409, "EXTERNAL_USER", "You sign in with an external provider: change it there.");
      }
      // Proof of presence, so guessed like a sign-in (with a stolen access token): throttled alike.
      LoginThrottle.Attempt check = throttle.reserve(User.usernameKey(user.username()));
      if (!hasher.verify(currentPassword, user.passwordHash())) {
        throw ProblemException.field(
            422, "WRONG_PASSWORD", "/currentPassword", "The current password is wrong.");
      }
      throttle.forgive(check);
      policy.check(newPassword, user.username(), "/newPassword");
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      User changed = user.withPasswordHash(hasher.hash(newPassword), now).endingSessions(now);
      Optional<User> stored = users.compareAndSet(changed);
      if (stored.isPresent()) {
        refreshTokens.revokeAllOf(userId);
        if (personalTokens.deleteAllOf(userId) > 0) {
          auditor.record("auth.tokens_revoked", "user=" + userId, Auditor.SUCCESS, null);
        }
        return startSession(stored.get(), now);
      }
    }
    throw new ProblemException(409, "CONFLICT", "Your account was changed concurrently; retry.");
  }

  private SignedIn startSession(User user, Instant issuedAt) {
    RefreshTokenStore.Started family = refreshTokens.startFamily(user.id());
    IssuedAccessToken access =
        accessTokens.issue(user.id(), user.username(), user.roles(), family.familyId(), issuedAt);
    return new SignedIn(response(access, user), family.token());
  }

  private static LoginResponse response(IssuedAccessToken access, User user) {
    return new LoginResponse(access.token(), "Bearer", access.expiresIn(), UserView.of(user));
  }

  private static ProblemException invalidCredentials() {
    return new ProblemException(401, "INVALID_CREDENTIALS", "Invalid username or password.");
  }
}
