package org.aiappstore.app.identity.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Users as read from the database during the last {@link #TTL}, for authenticating requests: every
 * request with a token needs its user (roles, disabled, sessions ended), and reading it from the
 * database cost more than a whole answer of a simple endpoint.
 *
 * <p>A change written through this server's {@link UserRepository} drops the entry before the write
 * returns, so disabling, demoting or ending a user's sessions takes effect at once here; another
 * server of the same database sees it within {@link #TTL}. A read that raced with a change is not
 * kept: every change moves a generation counter, and a read is stored only if the counter did not
 * move while it ran.
 */
final class RecentUsers {

  static final Duration TTL = Duration.ofSeconds(1);
  private static final int MAX_ENTRIES = 10_000;

  private final Clock clock;
  private final Map<String, Entry> byId = new HashMap<>();
  private long generation;

  RecentUsers(Clock clock) {
    this.clock = clock;
  }

  private record Entry(Optional<User> user, Instant expires) {}

  Optional<User> get(String id, Function<String, Optional<User>> load) {
    Instant now = clock.instant();
    long before;
    synchronized (this) {
      Entry entry = byId.get(id);
      if (entry != null && now.isBefore(entry.expires())) {
        return entry.user();
      }
      before = generation;
    }
    Optional<User> user = load.apply(id);
    synchronized (this) {
      if (generation == before) {
        if (byId.size() >= MAX_ENTRIES) {
          byId.clear(); // simpler than LRU; a full cache means many users within one TTL
        }
        byId.put(id, new Entry(user, now.plus(TTL)));
      }
    }
    return user;
  }

  /** Forgets {@code id}; reads that started before and end after this are not kept. */
  synchronized void changed(String id) {
    generation++;
    byId.remove(id);
  }
}
