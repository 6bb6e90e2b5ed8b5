package org.aiappstore.app.media;

import java.time.Instant;

/**
 * A media file as the API shows it; {@code url} is where to read it: signed, so that an {@code
 * <img>} or {@code <video>} element can load it without an Authorization header.
 */
public record MediaView(
    String id,
    String url,
    String contentType,
    String kind,
    long size,
    String sha256,
    String name,
    Instant createdAt) {

  public static final String BASE_PATH = "/api/v1/media/";

  static MediaView of(MediaRecord media, String url) {
    return new MediaView(
        media.id(),
        url,
        media.contentType(),
        media.kind().id(),
        media.size(),
        media.sha256(),
        media.name(),
        media.createdAt());
  }
}
