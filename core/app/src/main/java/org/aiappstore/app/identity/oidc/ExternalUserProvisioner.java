package org.aiappstore.app.identity.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.aiappstore.app.identity.user.DuplicateUserException;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;

/**
 * Creates a local user the first time an external identity calls, keyed by issuer and subject, and
 * keeps its roles in step with the provider on every call (the provider is authoritative for them).
 * It also records when the user last came with a token of the provider ({@link
 * User#providerSignInAt()}), which is what keeps the user's personal API tokens working.
 */
@ApplicationScoped
public class ExternalUserProvisioner {

  private static final int MAX_ATTEMPTS = 20;

  /** The sign-in time is kept to the hour: a write per request would buy nothing. */
  static final Duration SIGN_IN_RECORD_INTERVAL = Duration.ofHours(1);

  @Inject UserRepository users;

  private Clock clock = Clock.systemUTC();

  public ExternalUserProvisioner() {}

  public ExternalUserProvisioner(UserRepository users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  public User provision(ExternalIdentity identity) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    User existing =
        users.findByExternalIdentity(identity.issuer(), identity.subject()).orElse(null);
    if (existing == null) {
      existing = create(identity, now);
    }
    boolean rolesChanged = !existing.roles().equals(identity.roles());
    boolean signInStale =
        existing.providerSignInAt() == null
            || existing.providerSignInAt().plus(SIGN_IN_RECORD_INTERVAL).isBefore(now);
    if (rolesChanged || signInStale) {
      User changed = existing.withProviderSignIn(now);
      if (rolesChanged) {
        changed = changed.withRoles(identity.roles(), now);
      }
      // A lost race with a concurrent request is harmless: it writes the same roles and about the
      // same time.
      existing = users.compareAndSet(changed).orElse(existing);
    }
    return existing;
  }

  private User create(ExternalIdentity identity, Instant now) {
    String base =
        identity.preferredUsername() == null || identity.preferredUsername().isBlank()
            ? identity.subject()
            : identity.preferredUsername();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      String username = attempt == 1 ? base : base + "-" + attempt;
      User user =
          new User(
              UUID.randomUUID().toString(),
              username,
              identity.name() == null || identity.name().isBlank() ? username : identity.name(),
              identity.email(),
              identity.roles(),
              null,
              false,
              now,
              now,
              0,
              null,
              identity.issuer(),
              identity.subject(),
              now);
      try {
        return users.insert(user);
      } catch (DuplicateUserException e) {
        // Either the username is taken (try the next suffix) or a concurrent first call of the
        // same identity won (use its user).
        var raced = users.findByExternalIdentity(identity.issuer(), identity.subject());
        if (raced.isPresent()) {
          return raced.get();
        }
      }
    }
    throw new IllegalStateException("No free username for external user " + base);
  }
}
