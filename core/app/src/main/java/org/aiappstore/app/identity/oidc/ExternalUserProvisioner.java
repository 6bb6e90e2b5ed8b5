package org.aiappstore.app.identity.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.aiappstore.app.identity.user.DuplicateUserException;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;

/**
 * Creates a local user the first time an external identity calls, keyed by issuer and subject, and
 * keeps its roles in step with the provider on every call (the provider is authoritative for them).
 */
@ApplicationScoped
public class ExternalUserProvisioner {

  private static final int MAX_ATTEMPTS = 20;

  @Inject UserRepository users;

  public ExternalUserProvisioner() {}

  public ExternalUserProvisioner(UserRepository users) {
    this.users = users;
  }

  public User provision(ExternalIdentity identity) {
    User existing =
        users.findByExternalIdentity(identity.issuer(), identity.subject()).orElse(null);
    if (existing == null) {
      existing = create(identity);
    }
    if (!existing.roles().equals(identity.roles())) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      // A lost race with a concurrent request is harmless: it writes the same roles.
      existing = users.compareAndSet(existing.withRoles(identity.roles(), now)).orElse(existing);
    }
    return existing;
  }

  private User create(ExternalIdentity identity) {
    String base =
        identity.preferredUsername() == null || identity.preferredUsername().isBlank()
            ? identity.subject()
            : identity.preferredUsername();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
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
              identity.subject());
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
