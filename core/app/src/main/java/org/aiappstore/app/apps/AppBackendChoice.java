package org.aiappstore.app.apps;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;

/**
 * Which backend an app created without {@code backendId} runs on: the configured default (or the
 * first backend), unless that backend says it cannot run apps on its cluster ({@link
 * DeploymentBackend#unavailableReason()}, e.g. KNative Serving is not installed). Then the
 * configured fallback, or the first emissary backend, is used instead, and the choice says why, for
 * the health check and the admin console.
 *
 * <p>A backend's answer is kept for a minute per backend instance and stored version: a change an
 * administrator saves (a new connector when its settings changed) is asked again at once. A backend
 * that could not be asked (cluster unreachable, a transient failure) counts as available, but only
 * for {@link #UNANSWERED_CACHE}, so that one failed request does not decide for a whole minute.
 */
@ApplicationScoped
public class AppBackendChoice {

  static final Duration CACHE = Duration.ofMinutes(1);
  static final Duration UNANSWERED_CACHE = Duration.ofSeconds(5);
  static final String EMISSARY_FACTORY = "emissary";
  private static final Logger LOG = Logger.getLogger(AppBackendChoice.class.getName());

  @Inject AppBackends backends;
  @Inject AppSettings settings;

  private Optional<String> configuredDefault = Optional.empty();
  private Optional<String> configuredFallback = Optional.empty();
  private Clock clock = Clock.systemUTC();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  /** A backend's answer, valid for the instance it came from until {@code until}. */
  private record Answer(
      DeploymentBackend instance, long version, Optional<String> reason, Instant until) {}

  /**
   * The choice.
   *
   * @param defaultBackend the configured or first backend; {@code null} if there is none
   * @param effectiveBackend where new apps go; {@code null} if there is no backend
   * @param fallbackReason why the default is not used; {@code null} when it is
   */
  public record Choice(String defaultBackend, String effectiveBackend, String fallbackReason) {}

  public AppBackendChoice() {}

  AppBackendChoice(
      AppBackends backends, String configuredDefault, String configuredFallback, Clock clock) {
    this.backends = backends;
    this.configuredDefault = Optional.ofNullable(configuredDefault);
    this.configuredFallback = Optional.ofNullable(configuredFallback);
    this.clock = clock;
  }

  @PostConstruct
  void readSettings() {
    configuredDefault = settings.optional(ConfigKey.APPS_DEFAULT_BACKEND);
    configuredFallback = settings.optional(ConfigKey.APPS_FALLBACK_BACKEND);
  }

  public Choice current() {
    List<String> ids = backends.ids();
    String chosen = configuredDefault.orElse(ids.isEmpty() ? null : ids.get(0));
    if (chosen == null) {
      return new Choice(null, null, null);
    }
    Optional<String> reason =
        ids.contains(chosen)
            ? unavailableReason(chosen)
            : Optional.of("'" + chosen + "' is not a configured deployment backend");
    if (reason.isEmpty()) {
      return new Choice(chosen, chosen, null);
    }
    Optional<String> fallback = fallback(ids, chosen);
    String why =
        "The default backend '"
            + chosen
            + "' cannot run apps: "
            + reason.get()
            + (fallback.isPresent()
                ? ". Apps go to '" + fallback.get() + "' instead."
                : ". No fallback backend can run them either.");
    return new Choice(chosen, fallback.orElse(chosen), why);
  }

  private Optional<String> fallback(List<String> ids, String chosen) {
    if (configuredFallback.isPresent()) {
      String configured = configuredFallback.get();
      return ids.contains(configured) && unavailableReason(configured).isEmpty()
          ? configuredFallback
          : Optional.empty();
    }
    return ids.stream()
        .filter(id -> !id.equals(chosen))
        .filter(id -> backends.factoryId(id).filter(EMISSARY_FACTORY::equals).isPresent())
        .filter(id -> unavailableReason(id).isEmpty())
        .findFirst();
  }

  /** The backend's reason, cached; a backend that cannot be asked is taken as available. */
  private Optional<String> unavailableReason(String backendId) {
    DeploymentBackend backend;
    try {
      backend = backends.backend(backendId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    long version = backends.version(backendId);
    Answer cached = answers.get(backendId);
    if (cached != null
        && cached.instance() == backend
        && cached.version() == version
        && now.isBefore(cached.until())) {
      return cached.reason();
    }
    Optional<String> reason;
    Duration keep = CACHE;
    try {
      reason = backend.unavailableReason();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not ask backend " + backendId + " whether it can run apps.", e);
      reason = Optional.empty();
      keep = UNANSWERED_CACHE;
    }
    answers.put(backendId, new Answer(backend, version, reason, now.plus(keep)));
    return reason;
  }
}
