package org.aiappstore.app.identity.user;

import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aiappstore.app.apps.AppRepository;
import org.aiappstore.app.audit.Auditor;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.password.PasswordHasher;
import org.aiappstore.app.identity.password.PasswordPolicy;
import org.aiappstore.app.identity.session.RefreshTokenStore;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.DraftStore;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * What admins do to users, with the guards that keep the platform administrable: nobody removes
 * their own admin rights or account, and the last enabled admin stays.
 */
@ApplicationScoped
public class UserAdministration {

  private static final int CAS_ATTEMPTS = 5;

  @Inject UserRepository users;
  @Inject AdminSetLock adminSetLock;
  @Inject PasswordHasher hasher;
  @Inject PasswordPolicy policy;
  @Inject RefreshTokenStore refreshTokens;
  @Inject PersonalTokenStore personalTokens;
  @Inject Auditor auditor;
  @Inject CardRepository cards;
  @Inject AppRepository apps;
  @Inject DraftStore drafts;

  private final Clock clock = Clock.systemUTC();

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  public User get(String id) {
    return users.findById(id).orElseThrow(() -> notFound(id));
  }

  public User create(NewUser request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    UserValidation.username(request.username(), errors);
    UserValidation.displayName(request.displayName(), errors);
    UserValidation.email(blankToNull(request.email()), errors);
    UserValidation.roles(request.roles(), errors);
    policy.violations(request.password(), request.username()).stream()
        .map(v -> new Problem.FieldError("/password", v))
        .forEach(errors::add);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422,
          "VALIDATION_FAILED",
          "The request has " + errors.size() + " invalid field(s).",
          errors,
          Map.of());
    }
    Instant now = now();
    User user =
        new User(
            UUID.randomUUID().toString(),
            request.username(),
            request.displayName().trim(),
            blankToNull(request.email()),
            Role.normalize(request.roles()),
            hasher.hash(request.password()),
            false,
            now,
            now,
            0,
            null,
            null,
            null,
            null);
    try {
      return users.insert(user);
    } catch (DuplicateUserException e) {
      throw ProblemException.field(409, "USERNAME_TAKEN", "/username", e.getMessage());
    }
  }

  /** Applies a partial update; disabling or removing a role also ends the user's sessions. */
  public User update(String callerId, String id, UserChanges changes) {
    List<Problem.FieldError> errors = new ArrayList<>();
    changes.displayName().ifPresent(d -> UserValidation.displayName(d, errors));
    changes.email().ifPresent(e -> UserValidation.email(e, errors));
    changes.roles().ifPresent(r -> UserValidation.roles(r, errors));
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "VALIDATION_FAILED", "The request has invalid fields.", errors, Map.of());
    }
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      User current = get(id);
      User changed = apply(current, changes);
      boolean losesAccess =
          (changed.disabled() && !current.disabled())
              || !changed.roles().containsAll(current.roles());
      if (losesAccess) {
        changed = changed.endingSessions(changed.updatedAt());
      }
      Optional<User> stored = storeGuarded(callerId, current, changed);
      if (stored.isPresent()) {
        if (losesAccess) {
          refreshTokens.revokeAllOf(id);
        }
        return stored.get();
      }
    }
    throw concurrentChange();
  }

  /**
   * Sets a new password, ends the user's sessions and revokes their personal API tokens (as good as
   * the password, so they go with it; the revocation is audited when there were any).
   */
  public void resetPassword(String id, String password) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      User current = get(id);
      if (current.isExternal()) {
        throw new ProblemException(
            409,
            "EXTERNAL_USER",
            "This user signs in with an external provider: no password here.");
      }
      policy.check(password, current.username(), "/password");
      Instant now = now();
      User changed = current.withPasswordHash(hasher.hash(password), now).endingSessions(now);
      if (users.compareAndSet(changed).isPresent()) {
        refreshTokens.revokeAllOf(id);
        if (personalTokens.deleteAllOf(id) > 0) {
          auditor.record("auth.tokens_revoked", "user=" + id, Auditor.SUCCESS, null);
        }
        return;
      }
    }
    throw concurrentChange();
  }

  /**
   * Deletes the user with their sessions, tokens and drafts. Refused (409 {@code
   * USER_OWNS_CONTENT}) while they own cards or apps: those would stay behind unreachable, with
   * apps still running, so the admin hands the cards over to another user first (their demo apps go
   * with them), deletes what is left, or disables the user instead.
   */
  public void delete(String callerId, String id) {
    if (id.equals(callerId)) {
      throw selfChange("delete");
    }
    User current = get(id);
    refuseWhileOwningContent(current);
    if (current.isEnabledAdmin()) {
      adminSetLock.whileHolding(
          () -> {
            requireAnotherEnabledAdmin(id);
            return users.delete(id);
          });
    } else {
      users.delete(id);
    }
    refreshTokens.revokeAllOf(id);
    personalTokens.deleteAllOf(id);
    drafts.deleteAllOf(id);
  }

  private void refuseWhileOwningContent(User user) {
    long ownedCards = cards.count(Filters.eq("ownerId", user.id()));
    long ownedApps = apps.count(user.id());
    if (ownedCards == 0 && ownedApps == 0) {
      return;
    }
    List<String> owned = new ArrayList<>();
    if (ownedCards > 0) {
      owned.add(ownedCards + (ownedCards == 1 ? " card" : " cards"));
    }
    if (ownedApps > 0) {
      owned.add(ownedApps + (ownedApps == 1 ? " app" : " apps"));
    }
    throw new ProblemException(
        409,
        "USER_OWNS_CONTENT",
        user.username()
            + " still owns "
            + String.join(" and ", owned)
            + ": hand the cards over to another user first (Admin → Cards, Change owner; their"
            + " demo apps go with them) and delete what is left, or disable the user instead.");
  }

  private Optional<User> storeGuarded(String callerId, User current, User changed) {
    boolean losesAdmin = current.isEnabledAdmin() && !changed.isEnabledAdmin();
    boolean selfHarm =
        current.id().equals(callerId)
            && ((changed.disabled() && !current.disabled()) || losesAdmin);
    if (selfHarm) {
      throw selfChange(changed.disabled() ? "disable" : "demote");
    }
    if (!losesAdmin) {
      return users.compareAndSet(changed);
    }
    return adminSetLock.whileHolding(
        () -> {
          requireAnotherEnabledAdmin(current.id());
          return users.compareAndSet(changed);
        });
  }

  private void requireAnotherEnabledAdmin(String id) {
    if (users.countEnabledAdminsOtherThan(id) == 0) {
      throw new ProblemException(
          409,
          "LAST_ADMIN",
          "This is the last enabled admin: it cannot be deleted, disabled or demoted.");
    }
  }

  private User apply(User user, UserChanges changes) {
    Instant now = now();
    User changed =
        user.withProfile(
            changes.displayName().map(String::trim).orElse(user.displayName()),
            changes.clearEmail() ? null : changes.email().orElse(user.email()),
            now);
    if (changes.roles().isPresent()) {
      changed = changed.withRoles(changes.roles().get(), now);
    }
    if (changes.disabled().isPresent()) {
      changed = changed.withDisabled(changes.disabled().get(), now);
    }
    return changed;
  }

  static ProblemException notFound(String id) {
    return new ProblemException(404, "USER_NOT_FOUND", "There is no user with id '" + id + "'.");
  }

  private static ProblemException selfChange(String what) {
    return new ProblemException(
        409, "SELF_CHANGE", "Admins cannot " + what + " themselves; ask another admin.");
  }

  private static ProblemException concurrentChange() {
    return new ProblemException(
        409, "CONFLICT", "The user was changed concurrently too often; try again.");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
