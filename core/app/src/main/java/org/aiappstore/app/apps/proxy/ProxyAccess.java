package org.aiappstore.app.apps.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.aiappstore.app.apps.App;
import org.aiappstore.app.identity.security.Caller;

/**
 * Who may use an app through the proxy, decided by the same rule as the API ({@code
 * AppService#usable}) and remembered for {@link #TTL}: a page of an app makes dozens of requests,
 * and a card made private, or a user demoted, must stop being served within seconds, not when a
 * ticket expires. Refusals are not remembered: they are cheap to repeat and must never outlive a
 * change that grants access.
 */
final class ProxyAccess {

  static final Duration TTL = Duration.ofSeconds(3);
  private static final int MAX_ENTRIES = 10_000;

  /** The rule: the app, or a {@code ProblemException} (404) if the caller may not use it. */
  interface Rule {
    App usable(Caller callerOrNull, String appId);
  }

  private record Decision(App app, Instant until) {}

  private final Rule rule;
  private final Clock clock;
  private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

  ProxyAccess(Rule rule, Clock clock) {
    this.rule = rule;
    this.clock = clock;
  }

  /** The app if the caller ({@code null}: anonymous) may use it; throws the rule's refusal. */
  App app(Caller caller, String appId) {
    String key =
        appId
            + "|"
            + (caller == null
                ? ""
                : caller.userId() + "|" + String.join(",", new TreeSet<>(caller.roles())));
    Instant now = clock.instant();
    Decision cached = decisions.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.app();
    }
    App app = rule.usable(caller, appId);
    if (decisions.size() >= MAX_ENTRIES) {
      decisions.values().removeIf(d -> !now.isBefore(d.until()));
      if (decisions.size() >= MAX_ENTRIES) {
        decisions.clear();
      }
    }
    decisions.put(key, new Decision(app, now.plus(TTL)));
    return app;
  }
}
