package org.aiappstore.app.connector;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.ConnectorFactory;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.error.InvalidConfigException;

/**
 * A data connector factory shaped like the filesystem one: {@code baseDirectory} is required by the
 * schema, and only the factory knows it must be absolute. Counts the connectors it built and
 * closed.
 */
final class TestingConnectorFactory implements ConnectorFactory<Connector, DataCapability> {

  static final String ID = "directory";

  final AtomicInteger built = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(ID, "Directory", "For tests", null);
  }

  @Override
  public ConfigSchema configSchema() {
    return ConfigSchema.of(
        ConfigProperty.string("baseDirectory").required().build(),
        ConfigProperty.string("region").build());
  }

  @Override
  public Set<DataCapability> capabilities() {
    return Set.of();
  }

  @Override
  public Connector create(ConnectorConfig config, ConnectorContext context) {
    if (!Path.of(config.string("baseDirectory")).isAbsolute()) {
      throw new InvalidConfigException(
          List.of(new ConfigViolation("baseDirectory", "must be an absolute path")));
    }
    built.incrementAndGet();
    return new Connector() {
      @Override
      public ConnectionCheck checkConnection() {
        return ConnectionCheck.ok("fine", 0);
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }

  /** A catalog offering only this factory, as a data connector of the plugin {@code test}. */
  ConnectorCatalog catalog() {
    ConnectorCatalog.Entry entry = new ConnectorCatalog.Entry("data-connector", this, "test");
    return new ConnectorCatalog() {
      @Override
      public List<Entry> all() {
        return List.of(entry);
      }
    };
  }
}
