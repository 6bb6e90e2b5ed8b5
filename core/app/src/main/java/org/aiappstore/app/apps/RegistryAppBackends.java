package org.aiappstore.app.apps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.connector.ConnectorInstance;
import org.aiappstore.app.connector.ConnectorInstanceStore;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;

/** The backends of the connector registry: guarded, with deadlines and circuit breakers. */
@ApplicationScoped
public class RegistryAppBackends implements AppBackends {

  @Inject ConnectorRegistry registry;
  @Inject ConnectorInstanceStore instances;
  @Inject ConnectorCatalog catalog;

  @Override
  public List<String> ids() {
    return instances.findAll().stream()
        .filter(i -> KIND.equals(i.kind()))
        .map(ConnectorInstance::id)
        .toList();
  }

  @Override
  public Optional<Set<DeploymentCapability>> capabilities(String backendId) {
    return instances
        .find(backendId)
        .filter(i -> KIND.equals(i.kind()))
        .map(
            i -> {
              EnumSet<DeploymentCapability> declared = EnumSet.noneOf(DeploymentCapability.class);
              catalog
                  .find(KIND, i.factoryId())
                  .ifPresent(
                      e ->
                          e.factory().capabilities().stream()
                              .filter(DeploymentCapability.class::isInstance)
                              .map(DeploymentCapability.class::cast)
                              .forEach(declared::add));
              return declared;
            });
  }

  @Override
  public String displayName(String backendId) {
    return instances
        .find(backendId)
        .map(ConnectorInstance::displayName)
        .filter(name -> name != null && !name.isBlank())
        .orElse(backendId);
  }

  @Override
  public Optional<String> factoryId(String backendId) {
    return instances
        .find(backendId)
        .filter(i -> KIND.equals(i.kind()))
        .map(ConnectorInstance::factoryId);
  }

  @Override
  public long version(String backendId) {
    return instances.find(backendId).map(ConnectorInstance::version).orElse(0L);
  }

  @Override
  public DeploymentBackend backend(String backendId) {
    return registry.deploymentBackend(backendId);
  }
}
