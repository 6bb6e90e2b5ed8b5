package org.aiappstore.app.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.ForeignContent;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;

/** A card of the bundle, checked and ready to write under the id and slug the import picks. */
record Incoming(
    String slug,
    CardContent content,
    Set<String> mediaIds,
    Instant createdAt,
    Instant updatedAt,
    long version,
    List<Revision> revisions) {

  /** Its history as written under {@code cardId}, the media ids in its documents renamed. */
  List<Revision> history(String cardId, Map<String, String> renamed) {
    List<Revision> history = new ArrayList<>();
    for (Revision revision : revisions) {
      history.add(
          new Revision(
              cardId,
              revision.number(),
              revision.authorId(),
              revision.createdAt(),
              revision.fields(),
              revision.restoredFrom(),
              ForeignContent.renameMedia(revision.content(), renamed)));
    }
    return history;
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
