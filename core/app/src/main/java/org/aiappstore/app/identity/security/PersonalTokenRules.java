package org.aiappstore.app.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.user.Role;
import org.aiappstore.app.identity.user.User;

/**
 * What a personal API token may do for its owner. A user of the external provider is the provider's
 * to demote, disable or delete, but the provider sees only the user's sign-ins, never their tokens,
 * and the platform hears of a change only when the user next signs in: so such a user's token acts
 * with the {@code user} role only (admin rights come with a provider session), and works while the
 * user's last sign-in through the provider is at most {@code maxSignInAge} old.
 */
final class PersonalTokenRules {

  /** The problem code of a token refused for want of a recent sign-in through the provider. */
  static final String PROVIDER_SIGN_IN_REQUIRED = "PROVIDER_SIGN_IN_REQUIRED";

  private final Duration maxSignInAge;
  private final Clock clock;

  PersonalTokenRules(Duration maxSignInAge, Clock clock) {
    this.maxSignInAge = maxSignInAge;
    this.clock = clock;
  }

  /** The roles the owner's token acts with. */
  Set<String> roles(User owner) {
    return owner.isExternal() ? Set.of(Role.USER) : owner.roles();
  }

  /** Refuses the token of a user of the provider who has not signed in there for too long. */
  void checkSignIn(User owner) throws InvalidTokenException {
    if (!owner.isExternal()) {
      return;
    }
    Instant signIn = owner.providerSignInAt();
    if (signIn == null || signIn.plus(maxSignInAge).isBefore(clock.instant())) {
      throw new InvalidTokenException(
          PROVIDER_SIGN_IN_REQUIRED,
          "You have not signed in through the identity provider for more than "
              + maxSignInAge.toDays()
              + " days: sign in through the provider again to keep using personal API tokens.");
    }
  }
}
