package org.aiappstore.app.identity.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.token.Base64Url;

/**
 * A fresh installation gets one admin, so someone can sign in. There is no built-in default
 * password: it comes from {@code aiappstore.admin.password} or is generated and logged once. Two
 * replicas starting together both try; the unique username index lets only one insert win.
 */
@ApplicationScoped
public class FirstAdminBootstrap {

  private static final Logger LOG = Logger.getLogger(FirstAdminBootstrap.class.getName());

  @Inject AppSettings settings;
  @Inject UserRepository users;
  @Inject PasswordHasher hasher;
  @Inject PasswordPolicy policy;

  void onStartup(@Observes Startup startup) {
    if (users.count() > 0) {
      return;
    }
    String username = settings.value(ConfigKey.ADMIN_USERNAME);
    boolean generated = settings.optional(ConfigKey.ADMIN_PASSWORD).isEmpty();
    String password =
        settings.optional(ConfigKey.ADMIN_PASSWORD).orElseGet(() -> Base64Url.randomSecret(18));
    if (!generated && !policy.violations(password, username).isEmpty()) {
      LOG.warning(
          () ->
              "The configured first admin password breaks the password policy: "
                  + String.join(" ", policy.violations(password, username))
                  + " It is used anyway; change it after signing in.");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    User admin =
        new User(
            UUID.randomUUID().toString(),
            username,
            "Administrator",
            null,
            Role.normalize(Set.of(Role.ADMIN)),
            hasher.hash(password),
            false,
            now,
            now,
            0,
            null,
            null,
            null,
            null);
    try {
      users.insert(admin);
    } catch (DuplicateUserException e) {
      LOG.info(() -> "First admin '" + username + "' was created by another replica.");
      return;
    }
    if (generated) {
      LOG.warning("first admin '" + username + "' created with generated password: " + password);
    } else {
      LOG.info(() -> "first admin '" + username + "' created with the configured password.");
    }
  }
}
