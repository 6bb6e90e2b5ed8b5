package org.aiappstore.app.experiment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * Answers from trackers, kept for a configurable time so that card pages do not hammer them.
 * Failures are not cached; the least recently used entries go first beyond {@link #MAX_ENTRIES}.
 */
@ApplicationScoped
public class ExperimentCache {

  static final int MAX_ENTRIES = 1000;

  @Inject AppSettings settings;

  private final Clock clock;
  private Duration ttl;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private record Entry(JsonObject value, Instant expires) {}

  public ExperimentCache() {
    this.clock = Clock.systemUTC();
  }

  ExperimentCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  public JsonObject get(String key, Supplier<JsonObject> load) {
    return get(key, load, false);
  }

  /**
   * @param fresh true to skip a cached value, e.g. when a user refreshes a chart from its source,
   *     and cache the newly loaded one
   */
  public JsonObject get(String key, Supplier<JsonObject> load, boolean fresh) {
    Duration lifetime = ttl();
    if (lifetime.isZero()) {
      return load.get();
    }
    Instant now = Instant.now(clock);
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (!fresh && entry != null && now.isBefore(entry.expires())) {
        return entry.value();
      }
    }
    // Loaded outside the lock: a slow tracker must not block readers of other keys.
    JsonObject value = load.get();
    synchronized (entries) {
      entries.put(key, new Entry(value, now.plus(lifetime)));
    }
    return value;
  }

  /** Drops everything of one connector instance, e.g. after a clone changed its experiments. */
  public void evictConnector(String connectorId) {
    synchronized (entries) {
      entries.keySet().removeIf(k -> k.startsWith(connectorId + "\n"));
    }
  }

  private Duration ttl() {
    if (ttl == null) {
      ttl = Duration.ofSeconds(Math.max(0, settings.integer(ConfigKey.EXPERIMENT_CACHE_SECONDS)));
    }
    return ttl;
  }

  static String key(String connectorId, String kind, String id) {
    return connectorId + "\n" + kind + "\n" + id;
  }
}
