package org.aiappstore.plugin.api.data;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A configured object store. Every key is checked with {@link ObjectKeys#requireValid(String)};
 * failures are {@link PlatformException}s with platform codes. Implementations stream content and
 * never hold whole objects in memory.
 */
public interface DataConnector extends Connector {

  /**
   * Stores an object, replacing any object with the same key. Readers see either the old or the new
   * content, never a partial write.
   *
   * @param key the object key
   * @param data the content; read to the end but not closed
   * @param length the content length in bytes, or {@code -1} if unknown
   * @param contentType the media type, or {@code null} for {@value ObjectInfo#DEFAULT_CONTENT_TYPE}
   * @return the metadata of the stored object
   */
  ObjectInfo put(String key, InputStream data, long length, String contentType);

  /**
   * Opens an object for reading.
   *
   * @param key the object key
   * @param range the bytes to read; anything but {@link ByteRange#all()} needs {@link
   *     DataCapability#RANGES}
   * @return the open object, to close
   * @throws PlatformException NOT_FOUND if there is no such object, INVALID_ARGUMENT if the range
   *     starts beyond the end, NOT_SUPPORTED for a partial range without {@link
   *     DataCapability#RANGES}
   */
  StoredObject get(String key, ByteRange range);

  /**
   * Reads an object's metadata.
   *
   * @param key the object key
   * @return the metadata, or empty if there is no such object
   */
  Optional<ObjectInfo> head(String key);

  /**
   * Deletes an object.
   *
   * @param key the object key
   * @return {@code true} if the object existed
   */
  boolean delete(String key);

  /**
   * Lists objects whose key starts with a prefix, sorted by key. Needs {@link DataCapability#LIST}.
   *
   * @param prefix a plain string prefix of keys (not necessarily a whole segment); empty for all
   * @param limit the maximum number of results, at least 1
   * @return up to {@code limit} objects
   */
  List<ObjectInfo> list(String prefix, int limit);

  /**
   * A time-limited URL to download an object without credentials. Needs {@link
   * DataCapability#PRESIGNED_URLS}.
   *
   * @param key the object key
   * @param ttl how long the URL stays valid
   * @return the URL
   * @throws PlatformException NOT_SUPPORTED by default
   */
  default URI presignedGet(String key, Duration ttl) {
    throw PlatformException.notSupported("This data connector does not offer presigned URLs");
  }
}
