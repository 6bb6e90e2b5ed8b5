package org.aiappstore.app.apps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says where new apps go and why, when that is not the default backend. Always UP: a fallback still
 * serves every request, and taking the server out of its load balancer would help nobody.
 */
@Readiness
@ApplicationScoped
public class AppsBackendCheck implements HealthCheck {

  @Inject AppBackendChoice choice;

  @Override
  public HealthCheckResponse call() {
    AppBackendChoice.Choice current = choice.current();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("apps-backend").up();
    response.withData("default", orNone(current.defaultBackend()));
    response.withData("effective", orNone(current.effectiveBackend()));
    if (current.fallbackReason() != null) {
      response.withData("reason", current.fallbackReason());
    }
    return response.build();
  }

  private static String orNone(String value) {
    return value == null ? "none" : value;
  }
}
