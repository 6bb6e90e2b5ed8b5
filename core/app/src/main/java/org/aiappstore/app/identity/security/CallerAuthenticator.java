package org.aiappstore.app.identity.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.oidc.ExternalIdentity;
import org.aiappstore.app.identity.oidc.ExternalTokenVerifier;
import org.aiappstore.app.identity.oidc.ExternalUserProvisioner;
import org.aiappstore.app.identity.oidc.OidcSettings;
import org.aiappstore.app.identity.session.RefreshTokenStore;
import org.aiappstore.app.identity.token.AccessTokenClaims;
import org.aiappstore.app.identity.token.AccessTokens;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.problem.ProblemException;

/**
 * Turns a bearer credential into a {@link Caller}: a personal API token, an external OIDC access
 * token (when configured and its iss says so), or our own access token. The user is loaded on each
 * request, so disabling, demoting or a password change takes effect at once; roles always come from
 * the user's current record, never from the token. Personal tokens do not end with sessions (a
 * demotion leaves them, with the lower rights): a password change or reset deletes them instead.
 * Those of users of the external provider follow {@link PersonalTokenRules}.
 */
@ApplicationScoped
public class CallerAuthenticator {

  private static final Logger LOG = Logger.getLogger(CallerAuthenticator.class.getName());

  @Inject AppSettings settings;
  @Inject AccessTokens accessTokens;
  @Inject UserRepository users;
  @Inject PersonalTokenStore personalTokens;
  @Inject RefreshTokenStore refreshTokens;
  @Inject ExternalUserProvisioner provisioner;

  PersonalTokenRules personalTokenRules;
  private ExternalTokenVerifier external;

  @PostConstruct
  void configure() {
    int signInDays = Math.max(1, settings.integer(ConfigKey.OIDC_PERSONAL_TOKEN_SIGN_IN_DAYS));
    personalTokenRules = new PersonalTokenRules(Duration.ofDays(signInDays), Clock.systemUTC());
    OidcSettings oidc = OidcSettings.from(settings);
    if (oidc.enabled()) {
      try {
        external = new ExternalTokenVerifier(oidc, Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        LOG.severe("External OIDC tokens are refused: " + e.getMessage());
      }
    }
  }

  public Caller authenticate(String token) throws InvalidTokenException {
    if (token.startsWith(PersonalTokenStore.PREFIX)) {
      PersonalTokenStore.ValidToken valid =
          personalTokens
              .validate(token)
              .orElseThrow(
                  () -> new InvalidTokenException("The API token is invalid, expired or revoked."));
      User user = activeUser(valid.userId());
      personalTokenRules.checkSignIn(user);
      return new Caller(
          user.id(),
          user.username(),
          personalTokenRules.roles(user),
          Caller.Credential.personalToken(valid.id()),
          valid.scope());
    }
    if (external != null && external.claimsToBeFrom(token)) {
      ExternalIdentity identity = external.verify(token);
      User user = provisioner.provision(identity);
      if (user.disabled()) {
        throw new InvalidTokenException("The account is disabled.");
      }
      return new Caller(
          user.id(),
          user.username(),
          user.roles(),
          Caller.Credential.external(identity.expiresAt()),
          null);
    }
    AccessTokenClaims claims = accessTokens.verify(token);
    User user = activeUser(claims.userId());
    if (sessionsEndedSince(user, claims.issuedAt())) {
      throw new InvalidTokenException("The session has ended; sign in again.");
    }
    return new Caller(
        user.id(),
        user.username(),
        user.roles(),
        Caller.Credential.session(claims.sessionId()),
        null);
  }

  /**
   * The caller behind something the platform issued at {@code issuedAt} on the strength of a
   * caller's {@code credential} (an app access ticket), refused once that credential would be: the
   * user is gone or disabled or their sessions ended since, the session was signed out (its
   * refresh-token family revoked or expired), or the personal token revoked or expired. An external
   * provider's token leaves no record here to look up: what is issued on it expires with it.
   */
  public Caller holderOf(String userId, Instant issuedAt, Caller.Credential credential)
      throws InvalidTokenException {
    User user = activeUser(userId);
    if (sessionsEndedSince(user, issuedAt)) {
      throw new InvalidTokenException("The session has ended; sign in again.");
    }
    Set<String> roles = user.roles();
    switch (credential.kind()) {
      case SESSION -> {
        if (!refreshTokens.isLive(credential.id())) {
          throw new InvalidTokenException("You signed out of this session; sign in again.");
        }
      }
      case PERSONAL_TOKEN -> {
        if (!personalTokens.isLive(credential.id())) {
          throw new InvalidTokenException("The API token was revoked or has expired.");
        }
        personalTokenRules.checkSignIn(user);
        roles = personalTokenRules.roles(user);
      }
      case EXTERNAL -> {
        // Nothing to look up: the provider does not tell us of a sign-out.
      }
    }
    return new Caller(user.id(), user.username(), roles, credential, null);
  }

  /**
   * A check for a long-lived request (an event stream) to run while it lasts, as a request is
   * checked when it starts: it throws a 401 problem once the caller's user is gone or disabled, or
   * something ended their sessions after {@code since} (a password change or reset, a change of
   * roles, signing out everywhere).
   */
  public Runnable stillSignedInCheck(Caller caller, Instant since) {
    return () -> {
      boolean signedIn =
          users
              .findById(caller.userId())
              .filter(user -> !user.disabled())
              .filter(
                  user ->
                      user.sessionsNotBefore() == null || !user.sessionsNotBefore().isAfter(since))
              .isPresent();
      if (!signedIn) {
        throw new ProblemException(
            401,
            "SESSION_ENDED",
            "Your session ended (signed out everywhere, disabled, or your roles or password"
                + " changed); sign in again to go on.");
      }
    };
  }

  private static boolean sessionsEndedSince(User user, Instant issuedAt) {
    return user.sessionsNotBefore() != null && issuedAt.isBefore(user.sessionsNotBefore());
  }

  private User activeUser(String id) throws InvalidTokenException {
    User user =
        users
            .findById(id)
            .orElseThrow(() -> new InvalidTokenException("The token's user does not exist."));
    if (user.disabled()) {
      throw new InvalidTokenException("The account is disabled.");
    }
    return user;
  }
}
