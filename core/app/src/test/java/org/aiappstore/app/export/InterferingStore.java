package org.aiappstore.app.export;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;

/**
 * A store that runs a hook with the key before each put: to fail the put, or to act as someone else
 * working on the installation while an import runs.
 */
final class InterferingStore implements DataConnector {

  private final DataConnector store;
  private Consumer<String> beforePut = key -> {};

  InterferingStore(DataConnector store) {
    this.store = store;
  }

  void beforePut(Consumer<String> hook) {
    this.beforePut = hook;
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    beforePut.accept(key);
    return store.put(key, data, length, contentType);
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    return store.get(key, range);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return store.head(key);
  }

  @Override
  public boolean delete(String key) {
    return store.delete(key);
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    return store.list(prefix, limit);
  }

  @Override
  public ConnectionCheck checkConnection() {
    return store.checkConnection();
  }
}
