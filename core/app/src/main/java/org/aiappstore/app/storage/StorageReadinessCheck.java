package org.aiappstore.app.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.error.PlatformException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the active data connector cannot be created or fails its connection check. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

  @Inject StorageService storage;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("storage").withData("connector", storage.activeConnectorId());
    try {
      ConnectionCheck check = storage.active().checkConnection();
      return response.status(check.ok()).withData("detail", String.valueOf(check.detail())).build();
    } catch (PlatformException e) {
      return response.down().withData("detail", e.getMessage()).build();
    }
  }
}
