package org.aiappstore.app.apps;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.error.PlatformException;

/** Backends by id with the capabilities a test gives them. */
class FakeAppBackends implements AppBackends {

  private record Entry(DeploymentBackend backend, Set<DeploymentCapability> capabilities) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> factories = new LinkedHashMap<>();

  /** Names the factory that made a backend, as the connector registry knows it. */
  FakeAppBackends factory(String id, String factoryId) {
    factories.put(id, factoryId);
    return this;
  }

  @Override
  public Optional<String> factoryId(String backendId) {
    return Optional.ofNullable(factories.get(backendId));
  }

  FakeAppBackends add(String id, DeploymentBackend backend, DeploymentCapability... capabilities) {
    Set<DeploymentCapability> declared = EnumSet.noneOf(DeploymentCapability.class);
    declared.addAll(List.of(capabilities));
    entries.put(id, new Entry(backend, declared));
    return this;
  }

  @Override
  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public Optional<Set<DeploymentCapability>> capabilities(String backendId) {
    return Optional.ofNullable(entries.get(backendId)).map(Entry::capabilities);
  }

  @Override
  public DeploymentBackend backend(String backendId) {
    Entry entry = entries.get(backendId);
    if (entry == null) {
      throw PlatformException.notFound("No backend " + backendId);
    }
    return entry.backend();
  }
}
