package org.aiappstore.app.connector;

import java.io.IOException;
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
 * timeouts; the object counts as in flight until it is closed.
 */
final class GuardedDataConnector extends GuardedConnector implements DataConnector {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

  private final DataConnector delegate;

  GuardedDataConnector(
      String instanceId,
      String pluginId,
      DataConnector delegate,
      GuardedCalls calls,
      InFlight inFlight) {
    super(instanceId, pluginId, delegate, calls, inFlight);
    this.delegate = delegate;
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    return guarded(UPLOAD_TIMEOUT, () -> delegate.put(key, data, length, contentType));
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    Runnable done = inFlight.open();
    try {
      return new CountedObject(
          calls.call(instanceId, pluginId, CALL_TIMEOUT, () -> delegate.get(key, range)), done);
    } catch (RuntimeException e) {
      done.run();
      throw e;
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return guarded(CALL_TIMEOUT, () -> delegate.head(key));
  }

  @Override
  public boolean delete(String key) {
    return guarded(CALL_TIMEOUT, () -> delegate.delete(key));
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    return guarded(CALL_TIMEOUT, () -> delegate.list(prefix, limit));
  }

  @Override
  public URI presignedGet(String key, Duration ttl) {
    return guarded(CALL_TIMEOUT, () -> delegate.presignedGet(key, ttl));
  }

  /** An object being read stays in flight until it is closed. */
  private record CountedObject(StoredObject object, Runnable done) implements StoredObject {

    @Override
    public ObjectInfo info() {
      return object.info();
    }

    @Override
    public InputStream stream() {
      return object.stream();
    }

    @Override
    public ByteRange range() {
      return object.range();
    }

    @Override
    public void close() throws IOException {
      try {
        object.close();
      } finally {
        done.run();
      }
    }
  }
}
