package org.aiappstore.app.model.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.app.media.MediaView;

/**
 * The only image and video sources a document may hold: this platform's media path {@code
 * /api/v1/media/{id}}. The server signs media URLs when it serves a document, so what is stored is
 * always the bare relative path.
 */
final class MediaUrls {

  private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static final Pattern MEDIA_ID = Pattern.compile(ID);

  /**
   * The path, then nothing or a query or fragment (the signature of a URL the server handed out).
   * Exact on purpose: no dot segments, no percent-encoding, no trailing path, no upper case, so
   * there is no second reading of the path for a browser or proxy to disagree on.
   */
  private static final Pattern RELATIVE =
      Pattern.compile(
          Pattern.quote(MediaView.BASE_PATH) + "(" + ID + ")(?:[?#].*)?", Pattern.DOTALL);

  /**
   * An absolute URL (pasted from the address bar, or written by an editor that resolves URLs) whose
   * path is a media path. The host does not matter: only the path is kept, so the source always
   * resolves against this platform.
   */
  private static final Pattern ABSOLUTE =
      Pattern.compile(
          "(?i:https?)://[^/?#\\\\@\\s\\p{Cntrl}]+"
              + Pattern.quote(MediaView.BASE_PATH)
              + "("
              + ID
              + ")(?:[?#].*)?",
          Pattern.DOTALL);

  private MediaUrls() {}

  /**
   * The media id a source refers to.
   *
   * @param source an attribute value, entities already decoded
   * @return the id, or empty when the source is not a media URL of this platform
   */
  static Optional<String> mediaId(String source) {
    if (source == null) {
      return Optional.empty();
    }
    // Browsers ignore leading and trailing spaces and control characters in URL attributes.
    String url = Text.stripControlsAndSpaces(source);
    Matcher relative = RELATIVE.matcher(url);
    if (relative.matches()) {
      return Optional.of(relative.group(1));
    }
    Matcher absolute = ABSOLUTE.matcher(url);
    if (absolute.matches()) {
      return Optional.of(absolute.group(1));
    }
    return Optional.empty();
  }

  /** Whether an id has the form the media service gives its files. */
  static boolean isMediaId(String id) {
    return id != null && MEDIA_ID.matcher(id).matches();
  }

  /** The stored form of a media URL. */
  static String path(String mediaId) {
    return MediaView.BASE_PATH + mediaId;
  }
}
