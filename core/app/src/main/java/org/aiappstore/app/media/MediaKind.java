package org.aiappstore.app.media;

import java.util.Locale;

/** Whether a media file is a picture or a film; each has its own size limit. */
public enum MediaKind {
  IMAGE,
  VIDEO;

  /** As stored and sent: {@code image} or {@code video}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
