package org.aiappstore.app.model.content;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A document after sanitizing.
 *
 * @param html the clean HTML, empty for an empty document
 * @param mediaIds the ids of the media files it references (image sources, video sources and
 *     posters) in document order, so that the caller can keep track of which media are in use
 */
public record SanitizedDocument(String html, Set<String> mediaIds) {

  /**
   * Keeps an unmodifiable copy of the ids, in their order.
   *
   * @param html the clean HTML
   * @param mediaIds the referenced media ids
   */
  public SanitizedDocument {
    Objects.requireNonNull(html, "html");
    mediaIds = Collections.unmodifiableSet(new LinkedHashSet<>(mediaIds));
  }
}
