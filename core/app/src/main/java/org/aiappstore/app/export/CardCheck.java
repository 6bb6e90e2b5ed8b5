package org.aiappstore.app.export;

import static org.aiappstore.app.export.ForeignJson.isWhole;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.ForeignContent;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.Slugs;
import org.aiappstore.app.problem.Problem;
import org.bson.Document;

/**
 * The checks of a card from a bundle, before anything of it is written: the card as it will be
 * written, or {@link Refused} with the reason.
 */
final class CardCheck {

  private CardCheck() {}

  /**
   * The card as it will be written, checked as an API write checks it: a valid slug; its content
   * and every revision through {@link ForeignContent} (parsed, limited, documents sanitized); dates
   * and version taken only when valid (else now and 1); a history numbered within the version, in
   * order ({@link RevisionCheck}); the media list the manifest gives for the card, and no document
   * using a file outside it. Only the files the documents use are kept in the card's media list.
   * The history is read part by part and not kept: it is read again when it is written.
   *
   * @param revisions the card's history in the bundle, {@code null} when exported without
   */
  static Incoming check(
      BundleHistory revisions,
      String id,
      Document listed,
      Document card,
      String ownerId,
      UserMap map,
      Instant now)
      throws IOException {
    if (!(card.get("slug") instanceof String slug) || !Slugs.isValid(slug)) {
      throw new Refused(
          "its slug is not valid: lowercase letters and digits separated by single hyphens, at"
              + " most 60 characters");
    }
    ForeignContent.Checked current = content(card.get("content"), "its content");
    CardContent content = current.content().withSharedWith(map.known(current.content()));
    Instant updatedAt = instant(card.get("updatedAt"), now);
    Instant createdAt = instant(card.get("createdAt"), now);
    if (createdAt.isAfter(updatedAt)) {
      createdAt = updatedAt;
    }
    long version =
        isWhole(card.get("version")) ? Math.max(1, ((Number) card.get("version")).longValue()) : 1;
    Set<String> used = new LinkedHashSet<>(current.mediaIds());
    Set<String> demoVideos = new LinkedHashSet<>();
    addDemoVideo(content, demoVideos);
    RevisionCheck check = new RevisionCheck(id, version, map, now);
    long last = 0;
    if (revisions != null) {
      long[] previous = {0};
      revisions.forEach(
          item -> {
            RevisionCheck.Checked checked = check.check(item, previous[0]);
            previous[0] = checked.revision().number();
            used.addAll(checked.mediaIds());
            addDemoVideo(checked.revision().content(), demoVideos);
          });
      last = previous[0];
    }
    List<Revision> added = new ArrayList<>();
    if (last != version) {
      // Exported without history: the card as it is becomes its latest revision, so that its
      // history page and restore have something to show.
      added.add(new Revision(id, version, ownerId, updatedAt, List.of(), null, content));
    }
    Set<String> declared = new LinkedHashSet<>(strings(card.get("mediaIds")));
    Set<String> shipped = new LinkedHashSet<>(strings(listed.get("media")));
    if (!declared.equals(shipped)) {
      throw new Refused("its media list is not the one the manifest gives for it");
    }
    for (String mediaId : used) {
      if (!shipped.contains(mediaId)) {
        throw new Refused(
            "it uses media file " + mediaId + ", which the bundle does not hold for it");
      }
    }
    return new Incoming(
        slug,
        content,
        used,
        demoVideos,
        createdAt,
        updatedAt,
        version,
        new IncomingHistory(revisions, check, added));
  }

  /** Notes the media file {@code content} shows as its demo video, if it has one. */
  private static void addDemoVideo(CardContent content, Set<String> demoVideos) {
    if (content.demo().type() == CardContent.DemoType.VIDEO) {
      demoVideos.add(content.demo().mediaId());
    }
  }

  /** Checked content; refused with the first errors named when it fails the API's checks. */
  static ForeignContent.Checked content(Object stored, String what) {
    List<Problem.FieldError> errors = new ArrayList<>();
    ForeignContent.Checked checked = ForeignContent.check(stored, errors);
    if (!errors.isEmpty()) {
      StringBuilder reason = new StringBuilder(what).append(" is not valid: ");
      for (int i = 0; i < Math.min(errors.size(), 3); i++) {
        Problem.FieldError error = errors.get(i);
        reason
            .append(i == 0 ? "" : "; ")
            .append(error.pointer().isEmpty() ? "" : error.pointer() + " ")
            .append(error.detail());
      }
      throw new Refused(errors.size() > 3 ? reason.append("; …").toString() : reason.toString());
    }
    return checked;
  }

  /** A stored date, if it is one and not in the future; {@code now} otherwise. */
  static Instant instant(Object value, Instant now) {
    return value instanceof Date date && !date.toInstant().isAfter(now) ? date.toInstant() : now;
  }

  /** A media list: absent is empty; anything but a list of strings is refused. */
  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof String text)) {
          throw new Refused("its media list holds something that is not a media id");
        }
        strings.add(text);
      }
    } else if (value != null) {
      throw new Refused("its media list is not a list");
    }
    return strings;
  }
}
