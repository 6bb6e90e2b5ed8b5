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
import org.aiappstore.app.model.CardViews;

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

  /** The owner as card answers show one ({@link CardViews#userJson}), as JSON text. */
  public String userJson(String id) {
    return cached(byId, id, users::findById).json();
  }

  public Optional<Owner> byId(String id) {
    return cached(byId, id, users::findById).user().map(Owner::of);
  }

  /** By username, regardless of case. */
  public Optional<Owner> byUsername(String username) {
    return cached(byUsername, User.usernameKey(username), users::findByUsername)
        .user()
        .map(Owner::of);
  }

  private Cached cached(
      ConcurrentHashMap<String, Cached> cache, String key, Function<String, Optional<User>> load) {
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.expires().isAfter(now)) {
      return hit;
    }
    if (cache.size() > MAX_ENTRIES) {
      cache.clear(); // simpler than LRU, and a full cache means many owners, not a hot path
    }
    Optional<User> user = load.apply(key);
    // The JSON is written once per entry rather than for every result that names the owner.
    String json = CardViews.userJson(user.map(User::id).orElse(key), user).toString();
    Cached loaded = new Cached(user, json, now.plus(TTL));
    cache.put(key, loaded);
    return loaded;
  }

  private record Cached(Optional<User> user, String json, Instant expires) {}
}
