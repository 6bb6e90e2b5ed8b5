package org.aiappstore.plugin.tck.data.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.ObjectKeys;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A data connector keeping whole objects in memory, sorted by key. Safe for concurrent use; a put
 * replaces an object atomically. Unlike real connectors it holds content in memory: keep test
 * objects small.
 */
public final class InMemoryDataConnector implements DataConnector {

  private final Set<DataCapability> capabilities;
  private final Clock clock;
  private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();
  private final AtomicLong generation = new AtomicLong();

  private record Entry(byte[] content, ObjectInfo info) {}

  /**
   * Creates an empty store.
   *
   * @param capabilities the capabilities to honour; others fail with {@code NOT_SUPPORTED}
   * @param clock the clock giving modification times
   */
  public InMemoryDataConnector(Set<DataCapability> capabilities, Clock clock) {
    this.capabilities = Set.copyOf(capabilities);
    this.clock = clock;
  }

  @Override
  public ConnectionCheck checkConnection() {
    return ConnectionCheck.ok("In-memory store holding " + objects.size() + " objects", 0);
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    ObjectKeys.requireValid(key);
    if (data == null) {
      throw PlatformException.invalidArgument("Object data must not be null");
    }
    if (length < -1) {
      throw PlatformException.invalidArgument("Length must be -1 (unknown) or at least 0");
    }
    byte[] content;
    try {
      content = data.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (length >= 0 && content.length != length) {
      throw PlatformException.invalidArgument(
          "Object '"
              + key
              + "' was declared as "
              + length
              + " bytes but "
              + content.length
              + " arrived");
    }
    ObjectInfo info =
        new ObjectInfo(
            key,
            content.length,
            contentType == null ? null : contentType.strip(),
            clock.instant(),
            Long.toHexString(generation.incrementAndGet()));
    objects.put(key, new Entry(content, info));
    return info;
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    ObjectKeys.requireValid(key);
    ByteRange requested = range == null ? ByteRange.all() : range;
    Entry entry = objects.get(key);
    if (entry == null) {
      throw PlatformException.notFound("No object with key '" + key + "'");
    }
    if (!requested.isAll() && !capabilities.contains(DataCapability.RANGES)) {
      throw PlatformException.notSupported("This store does not read ranges");
    }
    int length = (int) requested.length(entry.content().length);
    InputStream stream = new ByteArrayInputStream(entry.content(), (int) requested.start(), length);
    return new MemoryStoredObject(entry.info(), stream, requested);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    ObjectKeys.requireValid(key);
    return Optional.ofNullable(objects.get(key)).map(Entry::info);
  }

  @Override
  public boolean delete(String key) {
    ObjectKeys.requireValid(key);
    return objects.remove(key) != null;
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    if (!capabilities.contains(DataCapability.LIST)) {
      throw PlatformException.notSupported("This store does not list objects");
    }
    if (limit < 1) {
      throw PlatformException.invalidArgument("List limit must be at least 1, not " + limit);
    }
    String wanted = prefix == null ? "" : prefix;
    if (!wanted.isEmpty()) {
      ObjectKeys.requireValid(wanted + "x");
    }
    ConcurrentNavigableMap<String, Entry> tail = objects.tailMap(wanted, true);
    List<ObjectInfo> result = new ArrayList<>();
    for (Map.Entry<String, Entry> entry : tail.entrySet()) {
      if (!entry.getKey().startsWith(wanted) || result.size() == limit) {
        break;
      }
      result.add(entry.getValue().info());
    }
    return List.copyOf(result);
  }

  @Override
  public String toString() {
    return "InMemoryDataConnector" + capabilities;
  }

  private record MemoryStoredObject(ObjectInfo info, InputStream stream, ByteRange range)
      implements StoredObject {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
