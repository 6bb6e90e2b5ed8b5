package org.aiappstore.app.model.content;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An image a document carries inline as a {@code data:} URL, decoded. Editors produce these when an
 * image is pasted; the sanitizer moves them into media so that documents stay small and every image
 * goes through the media checks.
 */
record InlineImage(String contentType, byte[] bytes) {

  /** The accepted image types, with the aliases browsers write for JPEG. */
  private static final Map<String, String> TYPES =
      Map.of(
          "image/png", "image/png",
          "image/jpeg", "image/jpeg",
          "image/jpg", "image/jpeg",
          "image/pjpeg", "image/jpeg",
          "image/gif", "image/gif",
          "image/webp", "image/webp");

  /** Whether a source is a {@code data:} URL, however it is spaced or cased. */
  static boolean isDataUrl(String source) {
    return Text.schemeView(source).startsWith("data:");
  }

  /**
   * Decodes a {@code data:} URL.
   *
   * @param source a {@code data:} URL
   * @param imageNumber the image's position in the document, for the reason
   * @return the image, or empty when the URL holds something other than an accepted image type
   *     (dropped like any foreign source)
   * @throws RichTextException when it declares an accepted image type but is not valid base64
   */
  static Optional<InlineImage> decode(String source, int imageNumber) {
    String url = Text.stripControlsAndSpaces(source);
    int comma = url.indexOf(',');
    // A scheme broken up by tabs or line breaks is still data: to a browser; such a source is
    // dropped rather than decoded.
    if (comma < 0 || !url.regionMatches(true, 0, "data:", 0, "data:".length())) {
      return Optional.empty();
    }
    // data:[<type>][;<parameter>]*[;base64],<payload>
    String[] header = url.substring("data:".length(), comma).split(";", -1);
    String type = TYPES.get(header[0].trim().toLowerCase(Locale.ROOT));
    if (type == null) {
      return Optional.empty();
    }
    String encoding = header.length > 1 ? header[header.length - 1].trim() : "";
    if (!encoding.equalsIgnoreCase("base64")) {
      throw new RichTextException(
          "Image " + imageNumber + ": the inline image is not base64-encoded.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(withoutWhitespace(url.substring(comma + 1)));
    } catch (IllegalArgumentException malformed) {
      throw new RichTextException(
          "Image " + imageNumber + ": the inline image is not valid base64.", malformed);
    }
    if (bytes.length == 0) {
      throw new RichTextException("Image " + imageNumber + ": the inline image is empty.");
    }
    return Optional.of(new InlineImage(type, bytes));
  }

  /** Browsers accept line-wrapped base64 in data URLs (and mail clients write it so). */
  private static String withoutWhitespace(String payload) {
    StringBuilder compact = new StringBuilder(payload.length());
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        compact.append(c);
      }
    }
    return compact.toString();
  }
}
