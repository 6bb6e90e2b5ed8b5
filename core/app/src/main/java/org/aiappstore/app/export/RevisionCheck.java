package org.aiappstore.app.export;

import static org.aiappstore.app.export.ForeignJson.isWhole;
import static org.aiappstore.app.export.ForeignJson.string;

import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.model.ForeignContent;
import org.aiappstore.app.model.Revision;
import org.bson.Document;

/**
 * The checks of one stored revision of a card's history, as an API write checks content: a whole
 * number within the card's versions, after the revision before it (so that a history of any length
 * is checked for repeats by its last number alone), content through {@link ForeignContent}, users
 * mapped, dates taken only when valid. The same stored revision always gives the same revision, so
 * the history can be checked in full before anything is written, then read again to be written.
 */
final class RevisionCheck {

  /** A checked revision and the media files its documents and demo video use. */
  record Checked(Revision revision, Set<String> mediaIds) {}

  private final String cardId;
  private final long version;
  private final UserMap map;
  private final Instant now;

  RevisionCheck(String cardId, long version, UserMap map, Instant now) {
    this.cardId = cardId;
    this.version = version;
    this.map = map;
    this.now = now;
  }

  String cardId() {
    return cardId;
  }

  /**
   * The revision {@code item} describes, coming after revision {@code previous} (0 for the first).
   *
   * @throws Refused with the reason it is not valid
   */
  Checked check(Object item, long previous) {
    if (!(item instanceof Document revision) || !isWhole(revision.get("number"))) {
      throw new Refused("its history has a revision without a number");
    }
    long number = ((Number) revision.get("number")).longValue();
    if (number < 1 || number > version) {
      throw new Refused(
          "its history has revision " + number + ", outside the card's versions 1 to " + version);
    }
    if (number == previous) {
      throw new Refused("its history has revision " + number + " twice");
    }
    if (number < previous) {
      throw new Refused("its history has revision " + number + " after revision " + previous);
    }
    ForeignContent.Checked checked =
        CardCheck.content(revision.get("content"), "revision " + number);
    Object restored = revision.get("restoredFrom");
    Long restoredFrom =
        isWhole(restored)
                && ((Number) restored).longValue() >= 1
                && ((Number) restored).longValue() < number
            ? ((Number) restored).longValue()
            : null;
    return new Checked(
        new Revision(
            cardId,
            number,
            map.orFallback(string(revision.get("authorId"))),
            CardCheck.instant(revision.get("createdAt"), now),
            ForeignContent.fields(revision.get("fields")),
            restoredFrom,
            checked.content().withSharedWith(map.known(checked.content()))),
        checked.mediaIds());
  }
}
