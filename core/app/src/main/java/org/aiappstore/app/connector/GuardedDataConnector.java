package org.aiappstore.app.connector;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;

/**
 * A data connector whose every call has a deadline and goes through the instance's circuit breaker.
 * Uploads get a longer deadline because they stream the request body. Reading the stream of a
 * {@link StoredObject} happens on the caller's thread, bounded by the connector's own socket
 * timeouts.
 */
final class GuardedDataConnector extends GuardedConnector implements DataConnector {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

  private final DataConnector delegate;

  GuardedDataConnector(
      String instanceId, String pluginId, DataConnector delegate, GuardedCalls calls) {
    super(instanceId, pluginId, delegate, calls);
    this.delegate = delegate;
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    return calls.call(
        instanceId, pluginId, UPLOAD_TIMEOUT, () -> delegate.put(key, data, length, contentType));
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    return calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.get(key, range));
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.head(key));
  }

  @Override
  public boolean delete(String key) {
    return calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.delete(key));
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    return calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.list(prefix, limit));
  }

  @Override
  public URI presignedGet(String key, Duration ttl) {
    return calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.presignedGet(key, ttl));
  }
}
