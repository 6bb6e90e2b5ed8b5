package org.aiappstore.app.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a plugin the installation requires is missing or not started. */
@Readiness
@ApplicationScoped
public class RequiredPluginsReadinessCheck implements HealthCheck {

  @Inject AppSettings settings;
  @Inject PluginHost host;

  @Override
  public HealthCheckResponse call() {
    List<String> missing =
        settings.list(ConfigKey.REQUIRED_PLUGINS).stream()
            .filter(id -> !host.isStarted(id))
            .toList();
    return HealthCheckResponse.named("required-plugins")
        .status(missing.isEmpty())
        .withData("notStarted", String.join(",", missing))
        .build();
  }
}
