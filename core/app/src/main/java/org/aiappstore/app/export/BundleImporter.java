package org.aiappstore.app.export;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.model.Slugs;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;

/**
 * Imports the cards of a verified bundle, one by one: media first (stored through the target
 * connector, or reused when a file with the same id is already here), then the card, then its
 * history. User ids are mapped through the usernames the bundle carries; an owner or author unknown
 * here becomes the fallback owner, an unknown user drops out of a share list.
 */
final class BundleImporter {

  private static final int SLUG_ATTEMPTS = 50;

  private final MongoConnection mongo;
  private final UserRepository users;
  private final DataConnector target;
  private final String targetConnectorId;
  private final BiConsumer<String, CardChanged.Kind> changes;

  BundleImporter(
      MongoConnection mongo,
      UserRepository users,
      DataConnector target,
      String targetConnectorId,
      BiConsumer<String, CardChanged.Kind> changes) {
    this.mongo = mongo;
    this.users = users;
    this.target = target;
    this.targetConnectorId = targetConnectorId;
    this.changes = changes;
  }

  private MongoCollection<Document> collection(String name) {
    return mongo.database().getCollection(name);
  }

  /** Imports every card of {@code manifest}; each one's outcome goes to {@code context}. */
  void importAll(
      ZipFile zip,
      Document manifest,
      ConflictMode mode,
      String fallbackOwnerId,
      JobContext context) {
    List<Document> cards = manifest.getList("cards", Document.class, List.of());
    context.total(cards.size());
    for (Document listed : cards) {
      context.checkpoint();
      String id = listed.getString("id");
      String label = listed.getString("title") == null ? id : listed.getString("title");
      try {
        context.item(importCard(zip, id, label, mode, fallbackOwnerId));
      } catch (IOException | RuntimeException e) {
        context.item(new JobItem(id, label, JobItem.FAILED, String.valueOf(e.getMessage())));
      }
    }
  }

  private JobItem importCard(
      ZipFile zip, String id, String label, ConflictMode mode, String fallbackOwnerId)
      throws IOException {
    Document entry = read(zip, BundleFormat.card(id));
    Document card = entry.get("card", Document.class);
    Document usernames = entry.get("usernames", Document.class);
    UserMap map = new UserMap(usernames == null ? new Document() : usernames, fallbackOwnerId);
    String ownerId = map.orFallback(card.getString("ownerId"));
    String slug = card.getString("slug");

    MongoCollection<Document> cardsCollection = collection(CardRepository.COLLECTION);
    Document sameId = cardsCollection.find(Filters.eq("_id", id)).first();
    Document sameAddress =
        cardsCollection
            .find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", slug)))
            .first();
    String newId = id;
    String newSlug = slug;
    if (sameId != null || sameAddress != null) {
      switch (mode) {
        case SKIP:
          return new JobItem(
              id,
              label,
              JobItem.SKIPPED,
              sameId != null ? "a card with this id exists" : "the owner has a card at this slug");
        case OVERWRITE:
          for (Document existing : new LinkedHashSet<>(nonNull(sameId, sameAddress))) {
            removeCard(existing.getString("_id"));
          }
          break;
        default:
          if (sameId != null) {
            newId = UUID.randomUUID().toString();
          }
          if (sameAddress != null) {
            newSlug = freeSlug(ownerId, slug);
          }
      }
    }

    List<String> mediaIds = card.getList("mediaIds", String.class, List.of());
    for (String mediaId : mediaIds) {
      importMedia(zip, mediaId, ownerId, map);
    }

    Document imported = new Document(card);
    imported.put("_id", newId);
    imported.put("ownerId", ownerId);
    imported.put("slug", newSlug);
    mapSharedWith(imported, map);
    try {
      cardsCollection.insertOne(imported);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return new JobItem(id, label, JobItem.FAILED, "the card's address was taken meanwhile");
      }
      throw e;
    }
    importRevisions(zip, id, imported, map);
    new MediaReferences(mongo).attach(mediaIds, newId);
    changes.accept(newId, CardChanged.Kind.CREATED);
    String reason = null;
    if (!newId.equals(id) || !newSlug.equals(slug)) {
      reason = "imported as " + newSlug + (newId.equals(id) ? "" : " with id " + newId);
    }
    return new JobItem(id, label, JobItem.DONE, reason);
  }

  private void importRevisions(ZipFile zip, String bundleId, Document card, UserMap map)
      throws IOException {
    String cardId = card.getString("_id");
    List<Document> revisions = new ArrayList<>();
    if (zip.getEntry(BundleFormat.revisions(bundleId)) != null) {
      for (Document revision :
          read(zip, BundleFormat.revisions(bundleId)).getList("revisions", Document.class)) {
        Document copy = new Document(revision);
        copy.put("_id", cardId + ":" + ((Number) revision.get("number")).longValue());
        copy.put("cardId", cardId);
        copy.put("authorId", map.orFallback(revision.getString("authorId")));
        mapSharedWith(copy, map);
        revisions.add(copy);
      }
    } else {
      // Exported without history: the card as it is becomes its only revision, so that its
      // history page and restore have something to show.
      Object version = card.get("version");
      revisions.add(
          new Document("_id", cardId + ":" + ((Number) version).longValue())
              .append("cardId", cardId)
              .append("number", version)
              .append("authorId", card.getString("ownerId"))
              .append("createdAt", card.get("updatedAt"))
              .append("fields", List.of())
              .append("restoredFrom", null)
              .append("content", card.get("content")));
    }
    if (!revisions.isEmpty()) {
      collection(RevisionRepository.COLLECTION).insertMany(revisions);
    }
  }

  /** Stores the file unless a file with this id is already here (e.g. the card was copied). */
  private void importMedia(ZipFile zip, String mediaId, String cardOwnerId, UserMap map)
      throws IOException {
    MongoCollection<Document> media = collection(MediaStore.COLLECTION);
    Document existing = media.find(Filters.eq("_id", mediaId)).first();
    if (existing != null) {
      if (Boolean.TRUE.equals(existing.getBoolean("deleting"))) {
        throw new IllegalStateException("media file " + mediaId + " is being deleted here");
      }
      return;
    }
    Document meta = read(zip, BundleFormat.mediaMeta(mediaId));
    String key = "media/" + mediaId;
    var entry = zip.getEntry(BundleFormat.mediaContent(mediaId));
    try (InputStream in = zip.getInputStream(entry)) {
      target.put(key, in, entry.getSize(), meta.getString("contentType"));
    }
    Optional<String> owner =
        Optional.ofNullable(meta.getString("owner")).flatMap(users::findByUsername).map(User::id);
    Document record = new Document("_id", mediaId).append("ownerId", owner.orElse(cardOwnerId));
    record.append("key", key);
    for (String field : List.of("contentType", "kind", "size", "sha256", "name", "createdAt")) {
      record.append(field, meta.get(field));
    }
    record.append("connectorId", targetConnectorId);
    try {
      media.insertOne(record);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // Another import stored the same file meanwhile: theirs is as good as ours.
    }
  }

  /** Removes a card this import replaces, as deleting it would (history, media uses). */
  private void removeCard(String cardId) {
    if (collection(CardRepository.COLLECTION).deleteOne(Filters.eq("_id", cardId)).getDeletedCount()
        == 1) {
      collection(RevisionRepository.COLLECTION).deleteMany(Filters.eq("cardId", cardId));
      new MediaReferences(mongo).release(cardId);
      changes.accept(cardId, CardChanged.Kind.DELETED);
    }
  }

  private String freeSlug(String ownerId, String slug) {
    for (int n = 2; n <= SLUG_ATTEMPTS; n++) {
      String candidate = Slugs.numbered(slug, n);
      if (collection(CardRepository.COLLECTION)
              .countDocuments(
                  Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", candidate)))
          == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free slug near " + slug);
  }

  private static void mapSharedWith(Document cardOrRevision, UserMap map) {
    Document content = cardOrRevision.get("content", Document.class);
    if (content != null && content.containsKey("sharedWith")) {
      List<String> mapped = new ArrayList<>();
      for (String userId : content.getList("sharedWith", String.class, List.of())) {
        map.known(userId).ifPresent(mapped::add);
      }
      Document copy = new Document(content);
      copy.put("sharedWith", mapped);
      cardOrRevision.put("content", copy);
    }
  }

  private static Set<Document> nonNull(Document a, Document b) {
    Set<Document> set = new LinkedHashSet<>();
    if (a != null) {
      set.add(a);
    }
    if (b != null) {
      set.add(b);
    }
    return set;
  }

  private static Document read(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** User ids of the exporting installation → user ids here, through usernames. */
  private final class UserMap {
    private final Document usernames;
    private final String fallback;

    UserMap(Document usernames, String fallback) {
      this.usernames = usernames;
      this.fallback = fallback;
    }

    Optional<String> known(String exportedId) {
      return Optional.ofNullable(exportedId)
          .map(usernames::getString)
          .flatMap(users::findByUsername)
          .map(User::id);
    }

    String orFallback(String exportedId) {
      return known(exportedId).orElse(fallback);
    }
  }
}
