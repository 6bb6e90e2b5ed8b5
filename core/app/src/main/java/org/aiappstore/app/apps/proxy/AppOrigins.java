package org.aiappstore.app.apps.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * The configured {@link AppOrigin}, if apps have origins of their own ({@code
 * aiappstore.apps.origin}). Read at start: a malformed template stops the application there, with
 * the reason, instead of failing every request (every request asks whether it is for an app host).
 */
@ApplicationScoped
public class AppOrigins {

  private static final Logger LOG = Logger.getLogger(AppOrigins.class.getName());

  @Inject AppSettings settings;

  private volatile Optional<AppOrigin> origin;

  public AppOrigins() {}

  /** For tests: a fixed template. */
  AppOrigins(String template) {
    this.origin = AppOrigin.parse(template);
  }

  void check(@Observes Startup startup) {
    origin()
        .ifPresent(
            o -> LOG.info(() -> "Demo apps are served on origins of their own: " + o.of("{id}")));
  }

  public Optional<AppOrigin> origin() {
    Optional<AppOrigin> known = origin;
    if (known == null) {
      known = AppOrigin.parse(settings.value(ConfigKey.APPS_ORIGIN));
      origin = known;
    }
    return known;
  }

  /** Where users reach the app: on its own origin, else its path on the platform's. */
  public String proxyUrl(String appId) {
    return origin().map(o -> o.proxyUrl(appId)).orElse(AppProxyServlet.prefix(appId));
  }

  /** The app whose own host the request was sent to; empty on the platform's host. */
  public Optional<String> appHost(HttpServletRequest request) {
    return origin().flatMap(o -> o.appIdOfHost(request.getHeader("Host")));
  }
}
