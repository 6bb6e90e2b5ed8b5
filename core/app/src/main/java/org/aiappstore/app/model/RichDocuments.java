package org.aiappstore.app.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.media.MediaService;
import org.aiappstore.app.model.content.ChartPolicy;
import org.aiappstore.app.model.content.RichTextException;
import org.aiappstore.app.model.content.RichTextSanitizer;
import org.aiappstore.app.model.content.SanitizedDocument;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * Sanitizes a card's body and performance documents; inline {@code data:} images become media files
 * of the author (within the upload limits), so nothing is stored inline.
 */
@ApplicationScoped
public class RichDocuments {

  /** The one sanitizer of card documents, also for content that did not come through the API. */
  static final RichTextSanitizer SANITIZER =
      new RichTextSanitizer(ChartPolicy.defaults(), CardJson.DOCUMENT_MAX);

  @Inject MediaService media;

  /** The sanitized document, or a field error at {@code pointer} when it is refused. */
  SanitizedDocument sanitize(
      Caller author, String html, String pointer, List<Problem.FieldError> errors) {
    try {
      return SANITIZER.sanitize(html, (type, bytes) -> storeInline(author, type, bytes));
    } catch (RichTextException e) {
      errors.add(new Problem.FieldError(pointer, e.getMessage()));
      return new SanitizedDocument("", java.util.Set.of());
    }
  }

  private String storeInline(Caller author, String type, byte[] bytes) {
    try {
      return media
          .upload(author, type, bytes.length, "inline-image", new ByteArrayInputStream(bytes))
          .id();
    } catch (ProblemException e) {
      throw new RichTextException("An embedded image was refused: " + e.getMessage());
    }
  }
}
