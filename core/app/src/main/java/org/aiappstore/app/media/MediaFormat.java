package org.aiappstore.app.media;

import java.util.Locale;
import java.util.Optional;

/** The media formats accepted for upload, each with its one canonical content type. */
public enum MediaFormat {
  PNG("image/png", MediaKind.IMAGE),
  JPEG("image/jpeg", MediaKind.IMAGE),
  GIF("image/gif", MediaKind.IMAGE),
  WEBP("image/webp", MediaKind.IMAGE),
  MP4("video/mp4", MediaKind.VIDEO),
  WEBM("video/webm", MediaKind.VIDEO);

  private final String contentType;
  private final MediaKind kind;

  MediaFormat(String contentType, MediaKind kind) {
    this.contentType = contentType;
    this.kind = kind;
  }

  public String contentType() {
    return contentType;
  }

  public MediaKind kind() {
    return kind;
  }

  /**
   * The format a declared {@code Content-Type} names, ignoring parameters and case; {@code
   * image/jpg} is taken for {@code image/jpeg}.
   */
  public static Optional<MediaFormat> ofContentType(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    int semicolon = declared.indexOf(';');
    String type =
        (semicolon < 0 ? declared : declared.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    if (type.equals("image/jpg") || type.equals("image/pjpeg")) {
      return Optional.of(JPEG);
    }
    for (MediaFormat format : values()) {
      if (format.contentType.equals(type)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Every accepted content type, for messages. */
  public static String accepted() {
    StringBuilder list = new StringBuilder();
    for (MediaFormat format : values()) {
      if (!list.isEmpty()) {
        list.append(", ");
      }
      list.append(format.contentType);
    }
    return list.toString();
  }
}
