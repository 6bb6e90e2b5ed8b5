package org.aiappstore.app.export;

import static org.aiappstore.app.export.ForeignJson.isWhole;
import static org.aiappstore.app.export.ForeignJson.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
   * and version taken only when valid (else now and 1); a history numbered within the version; the
   * media list the manifest gives for the card, and no document using a file outside it. Only the
   * files the documents use are kept in the card's media list.
   *
   * @param revisions the card's {@code revisions.json}, {@code null} when exported without history
   */
  static Incoming check(
      Document revisions,
      String id,
      Document listed,
      Document card,
      String ownerId,
      UserMap map,
      Instant now) {
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
    SortedMap<Long, Revision> history = history(revisions, id, version, map, now, used);
    if (!history.containsKey(version)) {
      // Exported without history: the card as it is becomes its latest revision, so that its
      // history page and restore have something to show.
      history.put(version, new Revision(id, version, ownerId, updatedAt, List.of(), null, content));
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
        slug, content, used, createdAt, updatedAt, version, List.copyOf(history.values()));
  }

  /** The card's revisions by number; adds the media they use to {@code used}. */
  private static SortedMap<Long, Revision> history(
      Document revisions, String id, long version, UserMap map, Instant now, Set<String> used) {
    SortedMap<Long, Revision> history = new TreeMap<>();
    if (revisions == null) {
      return history;
    }
    if (!(revisions.get("revisions") instanceof List<?> list)) {
      throw new Refused("its history is not a list of revisions");
    }
    for (Object item : list) {
      if (!(item instanceof Document revision) || !isWhole(revision.get("number"))) {
        throw new Refused("its history has a revision without a number");
      }
      long number = ((Number) revision.get("number")).longValue();
      if (number < 1 || number > version) {
        throw new Refused(
            "its history has revision " + number + ", outside the card's versions 1 to " + version);
      }
      ForeignContent.Checked checked = content(revision.get("content"), "revision " + number);
      used.addAll(checked.mediaIds());
      Object restored = revision.get("restoredFrom");
      Long restoredFrom =
          isWhole(restored)
                  && ((Number) restored).longValue() >= 1
                  && ((Number) restored).longValue() < number
              ? ((Number) restored).longValue()
              : null;
      Revision previous =
          history.put(
              number,
              new Revision(
                  id,
                  number,
                  map.orFallback(string(revision.get("authorId"))),
                  instant(revision.get("createdAt"), now),
                  ForeignContent.fields(revision.get("fields")),
                  restoredFrom,
                  checked.content().withSharedWith(map.known(checked.content()))));
      if (previous != null) {
        throw new Refused("its history has revision " + number + " twice");
      }
    }
    return history;
  }

  /** Checked content; refused with the first errors named when it fails the API's checks. */
  private static ForeignContent.Checked content(Object stored, String what) {
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
  private static Instant instant(Object value, Instant now) {
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
