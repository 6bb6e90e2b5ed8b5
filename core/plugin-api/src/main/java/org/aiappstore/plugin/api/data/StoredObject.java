package org.aiappstore.plugin.api.data;

import java.io.Closeable;
import java.io.InputStream;

/**
 * An object being read: its metadata and a stream of the requested range. The caller must close it,
 * which closes the stream.
 */
public interface StoredObject extends Closeable {

  /**
   * Metadata of the whole object.
   *
   * @return the object's metadata; {@link ObjectInfo#size()} is the full size, not the range's
   */
  ObjectInfo info();

  /**
   * The bytes of {@link #range()}; may be called once.
   *
   * @return the content stream
   */
  InputStream stream();

  /**
   * The range being read.
   *
   * @return the range, {@link ByteRange#all()} for the whole object
   */
  ByteRange range();
}
