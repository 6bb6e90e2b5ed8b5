package org.aiappstore.app.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.ForeignContent;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;

/**
 * A card of the bundle, checked and ready to write under the id and slug the import picks. Its
 * history is not held: {@link IncomingHistory} reads it again from the bundle when it is written.
 *
 * @param demoVideos the media files the card and its revisions show as demo video
 */
record Incoming(
    String slug,
    CardContent content,
    Set<String> mediaIds,
    Set<String> demoVideos,
    Instant createdAt,
    Instant updatedAt,
    long version,
    IncomingHistory revisions) {

  /**
   * The card as it overwrites cards at {@code replacedVersion} (the highest version of the cards it
   * replaces): its version above both, so that an ETag read from a replaced card never matches it,
   * and its content as the revision of that version, so that the card has a revision for its
   * version. The bundle's history stays as it is, below the new version.
   */
  Incoming overwriting(long replacedVersion, String authorId, Instant now) {
    long next = Math.max(replacedVersion, version) + 1;
    IncomingHistory history =
        revisions.adding(
            new Revision(revisions.cardId(), next, authorId, now, List.of(), null, content));
    return new Incoming(slug, content, mediaIds, demoVideos, createdAt, updatedAt, next, history);
  }

  /** Its history as written under {@code cardId}, the media ids in its documents renamed. */
  IncomingHistory history(String cardId, Map<String, String> renamed) {
    return revisions.changed(
        revision ->
            new Revision(
                cardId,
                revision.number(),
                revision.authorId(),
                revision.createdAt(),
                revision.fields(),
                revision.restoredFrom(),
                ForeignContent.renameMedia(revision.content(), renamed)));
  }

  /** The card as written, its documents' media ids renamed and using the media files here. */
  ModelCard card(
      String id, String ownerId, String slug, Map<String, String> renamed, Set<String> mediaIds) {
    return new ModelCard(
        id,
        ownerId,
        slug,
        ForeignContent.renameMedia(content, renamed),
        mediaIds,
        createdAt,
        updatedAt,
        version);
  }
}
