package org.aiappstore.app.model.content;

/**
 * Where the sanitizer puts an image that a document carries inline as a {@code data:} URL, so that
 * documents only ever reference media by URL.
 */
@FunctionalInterface
public interface InlineImageStore {

  /**
   * Stores an inline image as a media file.
   *
   * @param declaredContentType the image type the {@code data:} URL declares, one of {@code
   *     image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}
   * @param bytes the decoded image
   * @return the id of the new media file, a lowercase UUID
   * @throws RichTextException when the image is refused (too large, content not of an allowed type,
   *     quota reached); the sanitizer reports it with the image's position
   */
  String store(String declaredContentType, byte[] bytes) throws RichTextException;
}
