package org.aiappstore.app.export;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.aiappstore.app.apps.AppRepository;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.StoredObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Writes the selected cards into a bundle file, card by card. Before a card's entries are written
 * its media are checked to exist, so a card whose file is gone is reported failed with the reason
 * and left out, and the others go on. A failure while copying bytes fails the whole export (the
 * bundle would be incomplete). Snapshots of linked experiments and datasets are best effort: a card
 * whose tracker cannot answer is exported without them, its item done with the warning as reason.
 */
final class BundleExporter {

  private final MongoConnection mongo;
  private final UserRepository users;
  private final Function<String, DataConnector> connectors;
  private final ExperimentSnapshots snapshots;
  private final long historyPartBytes;

  /** An exporter whose history parts suit an import with the default limits. */
  BundleExporter(
      MongoConnection mongo,
      UserRepository users,
      Function<String, DataConnector> connectors,
      ExperimentSnapshots snapshots) {
    this(
        mongo,
        users,
        connectors,
        snapshots,
        BundleFormat.historyPartBytes(
            Long.parseLong(ConfigKey.IMPORT_MAX_JSON_ENTRY_BYTES.defaultValue())));
  }

  /**
   * @param historyPartBytes the most bytes of one part of a card's history
   */
  BundleExporter(
      MongoConnection mongo,
      UserRepository users,
      Function<String, DataConnector> connectors,
      ExperimentSnapshots snapshots,
      long historyPartBytes) {
    this.mongo = mongo;
    this.users = users;
    this.connectors = connectors;
    this.snapshots = snapshots;
    this.historyPartBytes = historyPartBytes;
  }

  private MongoCollection<Document> collection(String name) {
    return mongo.database().getCollection(name);
  }

  /** Writes the bundle to {@code file}; returns how many cards it holds. */
  int export(
      ExportSelection selection, Path file, String createdBy, Instant now, JobContext context)
      throws IOException {
    Optional<Bson> filter = selection.filter(name -> users.findByUsername(name).map(User::id));
    List<String> ids = new ArrayList<>();
    filter.ifPresent(
        f ->
            collection(CardRepository.COLLECTION)
                .find(f)
                .sort(Sorts.ascending("_id"))
                .projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id"))));
    List<String> missing = new ArrayList<>();
    if (selection.cardIds() != null) {
      new java.util.LinkedHashSet<>(selection.cardIds())
          .stream().filter(id -> !ids.contains(id)).forEach(missing::add);
    }
    context.total(ids.size() + missing.size());
    for (String id : missing) {
      context.item(new JobItem(id, id, JobItem.FAILED, "there is no such card"));
    }
    List<Document> exported = new ArrayList<>();
    Set<String> mediaWritten = new HashSet<>();
    LinkedSnapshots linked = new LinkedSnapshots(snapshots);
    try (BundleWriter writer = new BundleWriter(file)) {
      for (String id : ids) {
        context.checkpoint();
        Document card = collection(CardRepository.COLLECTION).find(Filters.eq("_id", id)).first();
        if (card == null) {
          context.item(new JobItem(id, id, JobItem.FAILED, "the card was deleted meanwhile"));
          continue;
        }
        card.remove(CardRepository.IMPORT_MARK);
        String label = label(card);
        Map<String, Document> media = new LinkedHashMap<>();
        String problem = collectMedia(card, media);
        if (problem != null) {
          context.item(new JobItem(id, label, JobItem.FAILED, problem));
          continue;
        }
        Set<String> userIds = new HashSet<>();
        userIds.add(card.getString("ownerId"));
        userIds.addAll(sharedWith(card));
        for (Document m : media.values()) {
          userIds.add(m.getString("ownerId"));
        }
        // The history goes first: card.json names the users its revisions mention, which are
        // known once they are written.
        int revisions = selection.includeRevisions() ? writeHistory(writer, card, userIds) : 0;
        Document usernames = new Document();
        userIds.stream()
            .filter(java.util.Objects::nonNull)
            .sorted()
            .forEach(
                u -> users.findById(u).ifPresent(user -> usernames.append(u, user.username())));
        writer.add(
            BundleFormat.card(id),
            BundleFormat.json(new Document("card", card).append("usernames", usernames)));
        Document app = demoApp(card);
        if (app != null) {
          writer.add(BundleFormat.app(id), BundleFormat.json(new Document("app", app)));
        }
        List<String> warnings = linked.write(id, card, writer);
        for (Document m : media.values()) {
          String mediaId = m.getString("_id");
          if (mediaWritten.add(mediaId)) {
            writeMedia(writer, m);
          }
        }
        Document entry =
            new Document("id", id)
                .append("owner", usernames.getString(card.getString("ownerId")))
                .append("slug", card.getString("slug"))
                .append("title", label)
                .append("media", new ArrayList<>(media.keySet()))
                .append("revisions", revisions);
        if (!warnings.isEmpty()) {
          entry.append("warnings", warnings);
        }
        exported.add(entry);
        context.item(
            new JobItem(
                id, label, JobItem.DONE, warnings.isEmpty() ? null : String.join("; ", warnings)));
      }
      writer.finish(
          new Document("formatVersion", BundleFormat.VERSION)
              .append("createdAt", now.toString())
              .append("createdBy", createdBy)
              .append("includeRevisions", selection.includeRevisions())
              .append("cards", exported));
    }
    return exported.size();
  }

  /**
   * Streams the card's history from the database into the bundle, in parts of at most {@link
   * #historyPartBytes}, adding the users its revisions mention to {@code userIds}; returns how many
   * revisions it holds. Only revisions up to the card's version as read are taken: one an edit adds
   * meanwhile is beyond it, and an import refuses a history reaching past its card.
   */
  private int writeHistory(BundleWriter writer, Document card, Set<String> userIds)
      throws IOException {
    String id = card.getString("_id");
    Bson filter = Filters.eq("cardId", id);
    if (card.get("version") instanceof Number version) {
      filter = Filters.and(filter, Filters.lte("number", version.longValue()));
    }
    try (HistoryWriter history = new HistoryWriter(writer, id, historyPartBytes);
        MongoCursor<Document> revisions =
            collection(RevisionRepository.COLLECTION)
                .find(filter)
                .sort(Sorts.ascending("number"))
                .iterator()) {
      while (revisions.hasNext()) {
        Document revision = revisions.next();
        revision.remove(CardRepository.IMPORT_MARK);
        userIds.add(revision.getString("authorId"));
        userIds.addAll(sharedWith(revision));
        history.add(revision);
      }
      return history.revisions();
    }
  }

  /** The stored spec of the card's demo app (secret names only), or null. */
  private Document demoApp(Document card) {
    Document content = card.get("content", Document.class);
    Document demo = content == null ? null : content.get("demo", Document.class);
    if (demo == null || !"app".equals(demo.getString("type")) || demo.getString("appId") == null) {
      return null;
    }
    return collection(AppRepository.COLLECTION)
        .find(Filters.eq("_id", demo.getString("appId")))
        .first();
  }

  /** Fills {@code media} with the card's media records; returns why it cannot, or null. */
  private String collectMedia(Document card, Map<String, Document> media) {
    for (String mediaId : card.getList("mediaIds", String.class, List.of())) {
      Document record = collection(MediaStore.COLLECTION).find(Filters.eq("_id", mediaId)).first();
      if (record == null || Boolean.TRUE.equals(record.getBoolean("deleting"))) {
        return "media file " + mediaId + " no longer exists";
      }
      try {
        if (connectors
            .apply(record.getString("connectorId"))
            .head(record.getString("key"))
            .isEmpty()) {
          return "media file " + mediaId + " is missing from its store";
        }
      } catch (RuntimeException e) {
        return "media file " + mediaId + " could not be read: " + e.getMessage();
      }
      media.put(mediaId, record);
    }
    return null;
  }

  private void writeMedia(BundleWriter writer, Document record) throws IOException {
    String mediaId = record.getString("_id");
    Document meta = new Document();
    for (String field :
        List.of("_id", "ownerId", "contentType", "kind", "size", "sha256", "name", "createdAt")) {
      meta.append(field, record.get(field));
    }
    meta.append(
        "owner", users.findById(record.getString("ownerId")).map(User::username).orElse(null));
    writer.add(BundleFormat.mediaMeta(mediaId), BundleFormat.json(meta));
    DataConnector connector = connectors.apply(record.getString("connectorId"));
    try (StoredObject object = connector.get(record.getString("key"), ByteRange.all());
        InputStream in = object.stream()) {
      writer.add(BundleFormat.mediaContent(mediaId), in);
    }
  }

  private static String label(Document card) {
    Document content = card.get("content", Document.class);
    String title = content == null ? null : content.getString("title");
    return title == null || title.isBlank() ? card.getString("slug") : title;
  }

  static List<String> sharedWith(Document cardOrRevision) {
    Document content = cardOrRevision.get("content", Document.class);
    return content == null ? List.of() : content.getList("sharedWith", String.class, List.of());
  }
}
