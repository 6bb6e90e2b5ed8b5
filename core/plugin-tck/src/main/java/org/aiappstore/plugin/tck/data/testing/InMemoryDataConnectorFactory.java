package org.aiappstore.plugin.tck.data.testing;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;

/**
 * Creates {@link InMemoryDataConnector}s, each with its own empty store: a fake for tests of code
 * that uses data connectors. It takes no configuration and honours exactly the capabilities it is
 * given, failing undeclared calls with {@code NOT_SUPPORTED}; it cannot offer presigned URLs.
 */
public final class InMemoryDataConnectorFactory implements DataConnectorFactory {

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "in-memory", "In memory", "Keeps objects in memory; for tests only.", null);

  private final Set<DataCapability> capabilities;

  /** A factory declaring {@link DataCapability#RANGES} and {@link DataCapability#LIST}. */
  public InMemoryDataConnectorFactory() {
    this(EnumSet.of(DataCapability.RANGES, DataCapability.LIST));
  }

  /**
   * A factory declaring some capabilities.
   *
   * @param capabilities any of {@link DataCapability#RANGES} and {@link DataCapability#LIST}
   * @throws IllegalArgumentException for {@link DataCapability#PRESIGNED_URLS}
   */
  public InMemoryDataConnectorFactory(Set<DataCapability> capabilities) {
    Objects.requireNonNull(capabilities, "capabilities");
    if (capabilities.contains(DataCapability.PRESIGNED_URLS)) {
      throw new IllegalArgumentException("An in-memory store cannot offer presigned URLs");
    }
    this.capabilities =
        capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConfigSchema configSchema() {
    return ConfigSchema.of();
  }

  @Override
  public Set<DataCapability> capabilities() {
    return capabilities;
  }

  @Override
  public DataConnector create(ConnectorConfig config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    return new InMemoryDataConnector(capabilities, context.clock());
  }
}
