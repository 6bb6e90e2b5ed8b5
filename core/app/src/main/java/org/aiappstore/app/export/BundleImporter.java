package org.aiappstore.app.export;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;

/**
 * Imports the cards of a verified bundle, one by one. A bundle may come from anywhere, so each card
 * is checked completely before anything of it is written: its content and history as an API write
 * checks them ({@link CardCheck#check}), its media files by their bytes as an upload checks them
 * ({@link MediaImport#files}). Its history, which may be far larger than memory, is read from the
 * bundle part by part, once to check it and once more to write it ({@link IncomingHistory}). A card
 * that fails is a failed item with the reason. Then come, in this order, its new media files
 * (created and claimed now), its history, the card itself (a card with the same id that it
 * overwrites is replaced in one write), the media references and the change events. Each write says
 * how to take it back, so a failure at any step leaves nothing of the card and puts back a card it
 * was replacing. The same goes for a server that dies half-way through a card: its {@link
 * ImportJournal} entry lets the end of the job take the card back, or complete it once the card
 * itself is written (the commit point). User ids are mapped through the usernames the bundle
 * carries; an owner or author unknown here becomes the fallback owner, an unknown user drops out of
 * a share list.
 */
final class BundleImporter {

  private final MongoConnection mongo;
  private final UserRepository users;
  private final BiConsumer<String, CardChanged.Kind> changes;
  private final CardWrites writes;
  private final MediaImport media;
  private final ImportJournal journal;
  private final long maxJsonBytes;
  private final String jobId;
  private final Clock clock = Clock.systemUTC();

  BundleImporter(
      MongoConnection mongo,
      UserRepository users,
      DataConnector target,
      String targetConnectorId,
      ToLongFunction<MediaKind> mediaLimits,
      long maxJsonBytes,
      String jobId,
      BiConsumer<String, CardChanged.Kind> changes) {
    this.mongo = mongo;
    this.maxJsonBytes = maxJsonBytes;
    this.jobId = jobId;
    this.journal = new ImportJournal(mongo, connectorId -> target, changes);
    this.users = users;
    this.changes = changes;
    MediaReferences references = new MediaReferences(mongo);
    this.writes = new CardWrites(mongo, references);
    this.media =
        new MediaImport(mongo, references, target, targetConnectorId, mediaLimits, maxJsonBytes);
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
      String label = listed.get("title") instanceof String title ? title : id;
      try {
        context.item(importCard(zip, listed, label, mode, fallbackOwnerId));
      } catch (IOException | RuntimeException e) {
        context.item(new JobItem(id, label, JobItem.FAILED, String.valueOf(e.getMessage())));
      }
    }
  }

  private JobItem importCard(
      ZipFile zip, Document listed, String label, ConflictMode mode, String fallbackOwnerId)
      throws IOException {
    String id = listed.getString("id");
    Document entry = ForeignJson.read(zip, BundleFormat.card(id), maxJsonBytes);
    if (!(entry.get("card") instanceof Document card)) {
      throw new Refused("its card.json holds no card");
    }
    UserMap map =
        new UserMap(
            users,
            entry.get("usernames") instanceof Document usernames ? usernames : new Document(),
            fallbackOwnerId);
    String ownerId = map.orFallback(ForeignJson.string(card.get("ownerId")));
    Instant now = now();
    BundleHistory revisions = BundleHistory.of(zip, id, maxJsonBytes);
    Incoming incoming = CardCheck.check(revisions, id, listed, card, ownerId, map, now);
    String slug = incoming.slug();

    Placement place =
        Placement.of(
            mongo.database().getCollection(CardRepository.COLLECTION), id, ownerId, slug, mode);
    if (place.isSkipped()) {
      return new JobItem(id, label, JobItem.SKIPPED, place.skipped());
    }

    if (!place.replaced().isEmpty()) {
      long replacedVersion =
          place.replaced().stream()
              .map(d -> d.get("version"))
              .filter(ForeignJson::isWhole)
              .mapToLong(v -> ((Number) v).longValue())
              .max()
              .orElse(0);
      incoming = incoming.overwriting(replacedVersion, ownerId, now);
    }
    Map<String, MediaFile> files = media.files(zip, incoming, ownerId);
    Map<String, String> renamed = MediaFile.renamed(files);
    Set<String> mediaIds = MediaFile.ids(files);
    IncomingHistory history = incoming.history(place.id(), renamed);
    ModelCard imported = incoming.card(place.id(), ownerId, place.slug(), renamed, mediaIds);

    write(zip, id, files, mediaIds, place, history, imported, now);
    for (Document existing : place.replaced()) {
      changes.accept(existing.getString("_id"), CardChanged.Kind.DELETED);
    }
    changes.accept(place.id(), CardChanged.Kind.CREATED);
    String reason = null;
    if (!place.id().equals(id) || !place.slug().equals(slug)) {
      reason =
          "imported as " + place.slug() + (place.id().equals(id) ? "" : " with id " + place.id());
    }
    return new JobItem(id, label, JobItem.DONE, reason);
  }

  /**
   * Writes the checked card {@code id} of the bundle in order: its new media files, their claims,
   * the removal of cards it replaces under another id, its history, the card, its media references.
   * {@code mediaIds} come in the bundle's order, which the card's own copy of them does not keep.
   */
  private void write(
      ZipFile zip,
      String id,
      Map<String, MediaFile> files,
      Set<String> mediaIds,
      Placement place,
      IncomingHistory history,
      ModelCard imported,
      Instant now)
      throws IOException {
    // Everything is checked; from here on each step says how to take it back, so a failure
    // leaves nothing of this card and puts back a card it was replacing. The journal entry holds
    // what a recovery needs when this server dies before the card is done.
    List<String> newMedia =
        files.values().stream().filter(file -> !file.reused()).map(MediaFile::id).toList();
    List<String> replacedIds = place.replaced().stream().map(d -> d.getString("_id")).toList();
    ImportJournal.Entry entry = journal.begin(jobId, imported.id(), now, newMedia, replacedIds);
    Undo undo = new Undo();
    try {
      for (Map.Entry<String, MediaFile> file : files.entrySet()) {
        if (!file.getValue().reused()) {
          media.store(zip, file.getKey(), file.getValue(), imported.ownerId(), now, undo);
        }
      }
      writes.claim(mediaIds, now);
      Document inPlace = null;
      for (Document existing : place.replaced()) {
        if (imported.id().equals(existing.get("_id"))) {
          inPlace = existing;
        } else {
          writes.remove(existing, entry, undo);
        }
      }
      writes.replaceHistory(imported.id(), history, entry, undo);
      if (inPlace == null) {
        writes.insert(imported, entry, undo);
      } else {
        writes.replace(imported, inPlace, entry, undo);
      }
      entry.committed();
      for (Document existing : place.replaced()) {
        writes.release(existing, undo);
      }
      writes.attach(mediaIds, imported.id(), undo);
    } catch (IOException | RuntimeException e) {
      // The undo takes back the card written or not; should the server die during it, a recovery
      // does the same from where it stopped.
      try {
        entry.uncommitted();
      } catch (RuntimeException notNoted) {
        e.addSuppressed(notNoted);
      }
      undo.run(id);
      try {
        entry.end();
      } catch (RuntimeException notForgotten) {
        e.addSuppressed(notForgotten);
      }
      throw e;
    }
    entry.end();
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }
}
