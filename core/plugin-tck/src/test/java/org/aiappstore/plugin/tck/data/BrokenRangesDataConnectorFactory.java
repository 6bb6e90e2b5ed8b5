package org.aiappstore.plugin.tck.data;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnectorFactory;

/**
 * Declares {@link DataCapability#RANGES} but ignores the requested range and returns the whole
 * object: the contract must catch this.
 */
final class BrokenRangesDataConnectorFactory implements DataConnectorFactory {

  private final InMemoryDataConnectorFactory correct = new InMemoryDataConnectorFactory();

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor("broken-ranges", "Broken ranges", "Ignores ranges.", null);
  }

  @Override
  public ConfigSchema configSchema() {
    return correct.configSchema();
  }

  @Override
  public Set<DataCapability> capabilities() {
    return EnumSet.of(DataCapability.RANGES, DataCapability.LIST);
  }

  @Override
  public DataConnector create(ConnectorConfig config, ConnectorContext context) {
    DataConnector delegate = correct.create(config, context);
    return new DataConnector() {
      @Override
      public ConnectionCheck checkConnection() {
        return delegate.checkConnection();
      }

      @Override
      public ObjectInfo put(String key, InputStream data, long length, String contentType) {
        return delegate.put(key, data, length, contentType);
      }

      @Override
      public StoredObject get(String key, ByteRange range) {
        StoredObject whole = delegate.get(key, ByteRange.all());
        return new StoredObject() {
          @Override
          public ObjectInfo info() {
            return whole.info();
          }

          @Override
          public InputStream stream() {
            return whole.stream();
          }

          @Override
          public ByteRange range() {
            return range;
          }

          @Override
          public void close() throws java.io.IOException {
            whole.close();
          }
        };
      }

      @Override
      public Optional<ObjectInfo> head(String key) {
        return delegate.head(key);
      }

      @Override
      public boolean delete(String key) {
        return delegate.delete(key);
      }

      @Override
      public List<ObjectInfo> list(String prefix, int limit) {
        return delegate.list(prefix, limit);
      }
    };
  }
}
