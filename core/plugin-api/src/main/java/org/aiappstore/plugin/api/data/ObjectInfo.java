package org.aiappstore.plugin.api.data;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of a stored object.
 *
 * @param key the object key
 * @param size the size in bytes
 * @param contentType the media type; {@value #DEFAULT_CONTENT_TYPE} when unknown
 * @param lastModified when the object was last written
 * @param etag an opaque value that changes when the content changes, or {@code null}
 */
public record ObjectInfo(
    String key, long size, String contentType, Instant lastModified, String etag) {

  /** The content type of objects stored without one. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  /**
   * Validates the metadata.
   *
   * @param key the object key
   * @param size the size in bytes
   * @param contentType the media type; {@value #DEFAULT_CONTENT_TYPE} when unknown
   * @param lastModified when the object was last written
   * @param etag an opaque value that changes when the content changes, or {@code null}
   */
  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
  }
}
