package org.aiappstore.app.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;

/**
 * Card owners' names for search answers, read through a short-lived cache: a page of results names
 * up to a hundred owners, and reading each from the database would cost more than the search. A
 * renamed user shows under the new name within {@link #TTL}.
 */
@ApplicationScoped
public class OwnerDirectory {

  static final Duration TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 10_000;

  @Inject UserRepository users;

  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Cached> byUsername = new ConcurrentHashMap<>();

  public OwnerDirectory() {
    this.clock = Clock.systemUTC();
  }

  public OwnerDirectory(UserRepository users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  /** A card owner as search shows them. */
  public record Owner(String id, String username, String displayName) {

    static Owner of(User user) {
      String name = user.displayName() == null ? user.username() : user.displayName();
      return new Owner(user.id(), user.username(), name);
    }
  }

  public Optional<User> user(String id) {
    return cached(byId, id, users::findById);
  }

  public Optional<Owner> byId(String id) {
    return user(id).map(Owner::of);
  }

  /** By username, regardless of case. */
  public Optional<Owner> byUsername(String username) {
    return cached(byUsername, User.usernameKey(username), users::findByUsername).map(Owner::of);
  }

  private Optional<User> cached(
      ConcurrentHashMap<String, Cached> cache, String key, Function<String, Optional<User>> load) {
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.expires().isAfter(now)) {
      return hit.user();
    }
    if (cache.size() > MAX_ENTRIES) {
      cache.clear(); // simpler than LRU, and a full cache means many owners, not a hot path
    }
    Optional<User> user = load.apply(key);
    cache.put(key, new Cached(user, now.plus(TTL)));
    return user;
  }

  private record Cached(Optional<User> user, Instant expires) {}
}
