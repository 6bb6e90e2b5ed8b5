package org.aiappstore.app.model.content;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An {@link InlineImageStore} that keeps what it is given and refuses images over a size, as the
 * media service does.
 */
final class InMemoryImageStore implements InlineImageStore {

  /** One stored image. */
  record Stored(String id, String contentType, byte[] bytes) {}

  private final int maxBytes;
  private final List<Stored> stored = new ArrayList<>();

  InMemoryImageStore() {
    this(Integer.MAX_VALUE);
  }

  InMemoryImageStore(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public String store(String declaredContentType, byte[] bytes) {
    if (bytes.length > maxBytes) {
      throw new RichTextException("The image is larger than the limit of " + maxBytes + " bytes.");
    }
    // A name-based UUID: the same image gets the same id, so outputs are comparable across runs.
    String id =
        UUID.nameUUIDFromBytes(
                (stored.size() + ":" + declaredContentType).getBytes(StandardCharsets.UTF_8))
            .toString();
    stored.add(new Stored(id, declaredContentType, bytes));
    return id;
  }

  List<Stored> stored() {
    return stored;
  }
}
