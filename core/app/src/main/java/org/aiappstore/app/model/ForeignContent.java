package org.aiappstore.app.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.media.MediaView;
import org.aiappstore.app.model.CardContent.Demo;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.content.RichTextException;
import org.aiappstore.app.model.content.SanitizedDocument;
import org.aiappstore.app.problem.Problem;
import org.bson.Document;

/**
 * Card content that did not come through the API, such as a card or revision of an imported bundle,
 * checked the way an API write checks it: the stored document is read back into the API's JSON form
 * and parsed by {@link CardJson#parse} (types, required fields, limits, no unknown members), and
 * the rich documents go through the sanitizer of {@link RichDocuments}. What needs the database
 * (the task list, the share list, who owns which media file) is left to the caller.
 */
public final class ForeignContent {

  private ForeignContent() {}

  /** Checked content, and the media files its documents and its demo video use. */
  public record Checked(CardContent content, Set<String> mediaIds) {

    public Checked {
      mediaIds = Set.copyOf(mediaIds);
    }
  }

  /**
   * Reads and checks stored content. Errors go to {@code errors} with JSON pointers into the
   * content; the result is meaningful only when none were added. An inline {@code data:} image is
   * refused: an exported document never holds one.
   */
  public static Checked check(Object stored, List<Problem.FieldError> errors) {
    if (!(stored instanceof Document document)) {
      errors.add(new Problem.FieldError("", "must be an object"));
      return new Checked(CardContent.EMPTY, Set.of());
    }
    int before = errors.size();
    CardContent parsed = CardJson.parse(ContentDocuments.toJsonObject(document), Set.of(), errors);
    if (errors.size() > before) {
      return new Checked(parsed, Set.of());
    }
    SanitizedDocument body = sanitize(parsed.body(), "/body", errors);
    SanitizedDocument performance = sanitize(parsed.performance(), "/performance", errors);
    Set<String> mediaIds = new LinkedHashSet<>(body.mediaIds());
    mediaIds.addAll(performance.mediaIds());
    if (parsed.demo().type() == DemoType.VIDEO) {
      mediaIds.add(parsed.demo().mediaId());
    }
    return new Checked(
        withDocuments(parsed, body.html(), performance.html(), parsed.demo()), mediaIds);
  }

  private static SanitizedDocument sanitize(
      String html, String pointer, List<Problem.FieldError> errors) {
    try {
      return RichDocuments.SANITIZER.sanitize(html, null);
    } catch (RichTextException e) {
      errors.add(new Problem.FieldError(pointer, e.getMessage()));
      return new SanitizedDocument("", Set.of());
    }
  }

  /**
   * The content with its media files renamed: each key of {@code renamed} becomes its value in the
   * documents' media sources and the demo video. Meant for checked content, whose sources are the
   * bare media paths the sanitizer writes.
   */
  public static CardContent renameMedia(CardContent content, Map<String, String> renamed) {
    if (renamed.isEmpty()) {
      return content;
    }
    String body = content.body();
    String performance = content.performance();
    for (Map.Entry<String, String> name : renamed.entrySet()) {
      String from = MediaView.BASE_PATH + name.getKey();
      String to = MediaView.BASE_PATH + name.getValue();
      body = body.replace(from, to);
      performance = performance.replace(from, to);
    }
    Demo demo = content.demo();
    if (demo.type() == DemoType.VIDEO && renamed.containsKey(demo.mediaId())) {
      demo = new Demo(DemoType.VIDEO, null, renamed.get(demo.mediaId()));
    }
    return withDocuments(content, body, performance, demo);
  }

  /**
   * A stored revision's list of changed fields: the names of writable fields in it, each once, in
   * order; anything else is dropped.
   */
  public static List<String> fields(Object stored) {
    Set<String> fields = new LinkedHashSet<>();
    if (stored instanceof List<?> list) {
      for (Object field : list) {
        if (field instanceof String name && CardJson.WRITABLE.contains(name)) {
          fields.add(name);
        }
      }
    }
    return new ArrayList<>(fields);
  }

  private static CardContent withDocuments(
      CardContent content, String body, String performance, Demo demo) {
    return new CardContent(
        content.title(),
        content.task(),
        content.tags(),
        content.frameworks(),
        content.description(),
        content.explanation(),
        content.usage(),
        content.limitations(),
        content.ownerDisplayName(),
        content.pointOfContact(),
        body,
        performance,
        content.artifacts(),
        content.experiment(),
        content.dataset(),
        demo,
        content.visibility(),
        content.sharedWith());
  }
}
