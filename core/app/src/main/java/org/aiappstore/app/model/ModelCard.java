package org.aiappstore.app.model;

import java.time.Instant;
import java.util.Set;

/**
 * A stored card. {@code version} starts at 1 and grows by one on every change (it is the ETag and
 * the number of the revision that produced it); {@code mediaIds} are the media files the card and
 * its history reference, kept so that they are never cleaned up while the card exists.
 */
public record ModelCard(
    String id,
    String ownerId,
    String slug,
    CardContent content,
    Set<String> mediaIds,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public ModelCard {
    mediaIds = Set.copyOf(mediaIds);
  }

  public String etag() {
    return "\"" + version + "\"";
  }
}
