package org.aiappstore.app.export;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipFile;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobItem;
import org.aiappstore.app.media.LimitedInputStream;
import org.aiappstore.app.media.MediaFormat;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaService;
import org.aiappstore.app.media.MediaSniffer;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.media.MediaTooLargeException;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardContent.Demo;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ForeignContent;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.model.Slugs;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Imports the cards of a verified bundle, one by one. A bundle may come from anywhere, so each card
 * is checked completely before anything of it is written: its content and history as an API write
 * checks them ({@link #check}), its media files by their bytes as an upload checks them ({@link
 * #media}). A card that fails is a failed item with the reason. Then come, in this order, its new
 * media files (created and claimed now), its history, the card itself (a card with the same id that
 * it overwrites is replaced in one write), the media references and the change events. Each write
 * says how to take it back, so a failure at any step leaves nothing of the card and puts back a
 * card it was replacing. User ids are mapped through the usernames the bundle carries; an owner or
 * author unknown here becomes the fallback owner, an unknown user drops out of a share list.
 */
final class BundleImporter {

  private static final Logger LOG = Logger.getLogger(BundleImporter.class.getName());
  private static final int SLUG_ATTEMPTS = 50;

  private final MongoConnection mongo;
  private final UserRepository users;
  private final DataConnector target;
  private final String targetConnectorId;
  private final ToLongFunction<MediaKind> mediaLimits;
  private final BiConsumer<String, CardChanged.Kind> changes;
  private final CardRepository cards;
  private final RevisionRepository revisions;
  private final MediaStore mediaStore;
  private final MediaReferences references;
  private final Clock clock = Clock.systemUTC();

  BundleImporter(
      MongoConnection mongo,
      UserRepository users,
      DataConnector target,
      String targetConnectorId,
      ToLongFunction<MediaKind> mediaLimits,
      BiConsumer<String, CardChanged.Kind> changes) {
    this.mongo = mongo;
    this.users = users;
    this.target = target;
    this.targetConnectorId = targetConnectorId;
    this.mediaLimits = mediaLimits;
    this.changes = changes;
    this.cards = new CardRepository(mongo);
    this.revisions = new RevisionRepository(mongo);
    this.mediaStore = new MediaStore(mongo);
    this.references = new MediaReferences(mongo);
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
    Document entry = read(zip, BundleFormat.card(id));
    if (!(entry.get("card") instanceof Document card)) {
      throw new Refused("its card.json holds no card");
    }
    UserMap map =
        new UserMap(
            entry.get("usernames") instanceof Document usernames ? usernames : new Document(),
            fallbackOwnerId);
    String ownerId = map.orFallback(string(card.get("ownerId")));
    Instant now = now();
    Incoming incoming = check(zip, id, listed, card, ownerId, map, now);
    String slug = incoming.slug();

    MongoCollection<Document> cardsCollection = collection(CardRepository.COLLECTION);
    Document sameId = cardsCollection.find(Filters.eq("_id", id)).first();
    Document sameAddress =
        cardsCollection
            .find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", slug)))
            .first();
    String newId = id;
    String newSlug = slug;
    Set<Document> replaced = Set.of();
    if (sameId != null || sameAddress != null) {
      switch (mode) {
        case SKIP:
          return new JobItem(
              id,
              label,
              JobItem.SKIPPED,
              sameId != null ? "a card with this id exists" : "the owner has a card at this slug");
        case OVERWRITE:
          replaced = nonNull(sameId, sameAddress);
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

    Map<String, MediaFile> files = media(zip, incoming, ownerId);
    Map<String, String> renamed = new LinkedHashMap<>();
    files.forEach(
        (bundleId, file) -> {
          if (!file.id().equals(bundleId)) {
            renamed.put(bundleId, file.id());
          }
        });
    Set<String> mediaIds = new LinkedHashSet<>();
    files.values().forEach(file -> mediaIds.add(file.id()));

    List<Revision> history = new ArrayList<>();
    for (Revision revision : incoming.revisions()) {
      history.add(
          new Revision(
              newId,
              revision.number(),
              revision.authorId(),
              revision.createdAt(),
              revision.fields(),
              revision.restoredFrom(),
              ForeignContent.renameMedia(revision.content(), renamed)));
    }
    ModelCard imported =
        new ModelCard(
            newId,
            ownerId,
            newSlug,
            ForeignContent.renameMedia(incoming.content(), renamed),
            mediaIds,
            incoming.createdAt(),
            incoming.updatedAt(),
            incoming.version());

    // Everything is checked; from here on each step says how to take it back, so a failure
    // leaves nothing of this card and puts back a card it was replacing.
    Undo undo = new Undo();
    try {
      for (Map.Entry<String, MediaFile> file : files.entrySet()) {
        if (!file.getValue().reused()) {
          store(zip, file.getKey(), file.getValue(), ownerId, now, undo);
        }
      }
      Set<String> missing = references.claim(mediaIds, now);
      if (!missing.isEmpty()) {
        throw new Refused("media file " + missing.iterator().next() + " is being deleted here");
      }
      Document inPlace = null;
      for (Document existing : replaced) {
        if (newId.equals(existing.get("_id"))) {
          inPlace = existing;
        } else {
          remove(existing, undo);
        }
      }
      replaceHistory(newId, history, undo);
      if (inPlace == null) {
        insert(imported, undo);
      } else {
        replace(imported, inPlace, undo);
      }
      for (Document existing : replaced) {
        String replacedId = existing.getString("_id");
        List<String> used = new ArrayList<>();
        if (existing.get("mediaIds") instanceof List<?> list) {
          list.stream().filter(String.class::isInstance).forEach(m -> used.add((String) m));
        }
        undo.add(() -> references.attach(used, replacedId));
        references.release(replacedId);
      }
      undo.add(() -> references.release(imported.id()));
      references.attach(mediaIds, imported.id());
    } catch (IOException | RuntimeException e) {
      undo.run(id);
      throw e;
    }
    for (Document existing : replaced) {
      changes.accept(existing.getString("_id"), CardChanged.Kind.DELETED);
    }
    changes.accept(newId, CardChanged.Kind.CREATED);
    String reason = null;
    if (!newId.equals(id) || !newSlug.equals(slug)) {
      reason = "imported as " + newSlug + (newId.equals(id) ? "" : " with id " + newId);
    }
    return new JobItem(id, label, JobItem.DONE, reason);
  }

  /**
   * The card as it will be written, checked as an API write checks it: a valid slug; its content
   * and every revision through {@link ForeignContent} (parsed, limited, documents sanitized); dates
   * and version taken only when valid (else now and 1); a history numbered within the version; the
   * media list the manifest gives for the card, and no document using a file outside it. Only the
   * files the documents use are kept in the card's media list.
   */
  private Incoming check(
      ZipFile zip,
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
    SortedMap<Long, Revision> history = history(zip, id, version, map, now, used);
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
  private SortedMap<Long, Revision> history(
      ZipFile zip, String id, long version, UserMap map, Instant now, Set<String> used)
      throws IOException {
    SortedMap<Long, Revision> history = new TreeMap<>();
    if (zip.getEntry(BundleFormat.revisions(id)) == null) {
      return history;
    }
    if (!(read(zip, BundleFormat.revisions(id)).get("revisions") instanceof List<?> list)) {
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

  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }

  private static String string(Object value) {
    return value instanceof String text ? text : null;
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

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * The card's media files by their ids in the bundle, checked from their bytes as an upload is:
   * the format sniffed (what an upload refuses is refused, and so is a type other than the one
   * {@code meta.json} declares), within the upload limit of its kind, size and SHA-256 counted. A
   * file with the same id already here is reused only if it is the card owner's, is not being
   * deleted and has the same bytes; otherwise the bundle's file is stored under a new id. A demo
   * video must be a video.
   */
  private Map<String, MediaFile> media(ZipFile zip, Incoming incoming, String ownerId)
      throws IOException {
    MongoCollection<Document> media = collection(MediaStore.COLLECTION);
    Map<String, MediaFile> files = new LinkedHashMap<>();
    for (String mediaId : incoming.mediaIds()) {
      Document meta = read(zip, BundleFormat.mediaMeta(mediaId));
      MediaFile file = inspect(zip, mediaId, string(meta.get("contentType")));
      Document existing = media.find(Filters.eq("_id", mediaId)).first();
      boolean reusable =
          existing != null
              && ownerId.equals(existing.get("ownerId"))
              && !Boolean.TRUE.equals(existing.get("deleting"))
              && file.sha256().equals(existing.get("sha256"));
      files.put(
          mediaId,
          new MediaFile(
              existing == null || reusable ? mediaId : UUID.randomUUID().toString(),
              reusable,
              file.format(),
              file.size(),
              file.sha256(),
              MediaService.acceptableName(string(meta.get("name")))));
    }
    List<CardContent> contents = new ArrayList<>(List.of(incoming.content()));
    incoming.revisions().forEach(revision -> contents.add(revision.content()));
    for (CardContent content : contents) {
      Demo demo = content.demo();
      if (demo.type() == DemoType.VIDEO
          && files.get(demo.mediaId()).format().kind() != MediaKind.VIDEO) {
        throw new Refused("its demo video " + demo.mediaId() + " is not a video");
      }
    }
    return files;
  }

  /** The format, size and SHA-256 of a media file's bytes, read through the upload's checks. */
  private MediaFile inspect(ZipFile zip, String mediaId, String declaredType) throws IOException {
    String file = "media file " + mediaId;
    try (InputStream entry = zip.getInputStream(zip.getEntry(BundleFormat.mediaContent(mediaId)))) {
      PushbackInputStream in = MediaSniffer.peekable(entry);
      MediaFormat format =
          MediaSniffer.sniff(in)
              .orElseThrow(
                  () ->
                      new Refused(
                          file
                              + " is not a supported image or video ("
                              + MediaFormat.accepted()
                              + ")"));
      if (MediaFormat.ofContentType(declaredType).orElse(null) != format) {
        throw new Refused(
            file + " is " + format.contentType() + ", not the type its meta.json declares");
      }
      long limit = mediaLimits.applyAsLong(format.kind());
      LimitedInputStream limited = new LimitedInputStream(in, limit);
      DigestInputStream digesting = new DigestInputStream(limited, BundleWriter.sha256());
      try {
        digesting.transferTo(OutputStream.nullOutputStream());
      } catch (MediaTooLargeException e) {
        throw new Refused(
            file
                + " is larger than "
                + limit
                + " bytes, the most "
                + (format.kind() == MediaKind.IMAGE ? "an image" : "a video")
                + " may be");
      }
      return new MediaFile(
          mediaId,
          false,
          format,
          limited.count(),
          HexFormat.of().formatHex(digesting.getMessageDigest().digest()),
          null);
    }
  }

  /**
   * Stores a file as the card owner's, created and claimed now (so the cleanup job leaves it alone
   * until the card uses it): the record first, which takes the id, then the bytes.
   */
  private void store(
      ZipFile zip, String bundleId, MediaFile file, String ownerId, Instant now, Undo undo)
      throws IOException {
    String key = "media/" + file.id();
    try {
      mediaStore.insert(
          new MediaRecord(
              file.id(),
              ownerId,
              key,
              file.format().contentType(),
              file.format().kind(),
              file.size(),
              file.sha256(),
              file.name(),
              now,
              targetConnectorId));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new Refused("media file " + bundleId + " was stored meanwhile by another import");
      }
      throw e;
    }
    references.claim(List.of(file.id()), now);
    // Taken back only while no other card uses or claimed it (another import of the same file may
    // have found it meanwhile); a part of the bytes a failed put left is deleted too.
    undo.add(
        () -> {
          Bson ours =
              Filters.and(
                  Filters.eq("_id", file.id()),
                  Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)),
                  Filters.eq("claimedAt", Date.from(now)));
          if (collection(MediaStore.COLLECTION).deleteOne(ours).getDeletedCount() == 1) {
            target.delete(key);
          }
        });
    try (InputStream in = zip.getInputStream(zip.getEntry(BundleFormat.mediaContent(bundleId)))) {
      target.put(key, in, file.size(), file.format().contentType());
    }
  }

  /**
   * Removes a card the import replaces under another id (it holds the address), with its history;
   * refused if it changed since it was read. Its media are released once the import is complete.
   */
  private void remove(Document existing, Undo undo) {
    String cardId = existing.getString("_id");
    MongoCollection<Document> stored = collection(RevisionRepository.COLLECTION);
    List<Document> history = stored.find(Filters.eq("cardId", cardId)).into(new ArrayList<>());
    long deleted =
        collection(CardRepository.COLLECTION)
            .deleteOne(
                Filters.and(
                    Filters.eq("_id", cardId), Filters.eq("version", existing.get("version"))))
            .getDeletedCount();
    if (deleted != 1) {
      throw new Refused("the card it replaces changed meanwhile");
    }
    undo.add(() -> putBack(collection(CardRepository.COLLECTION), List.of(existing)));
    undo.add(() -> putBack(stored, history));
    stored.deleteMany(Filters.in("_id", ids(history)));
  }

  /** The imported history in place of the one the card id has here, if any. */
  private void replaceHistory(String cardId, List<Revision> history, Undo undo) {
    MongoCollection<Document> stored = collection(RevisionRepository.COLLECTION);
    List<Document> before = stored.find(Filters.eq("cardId", cardId)).into(new ArrayList<>());
    List<String> written = history.stream().map(r -> cardId + ":" + r.number()).toList();
    undo.add(
        () -> {
          stored.deleteMany(Filters.in("_id", written));
          putBack(stored, before);
        });
    if (!before.isEmpty()) {
      stored.deleteMany(Filters.in("_id", ids(before)));
    }
    history.forEach(revisions::insert);
  }

  private void insert(ModelCard card, Undo undo) {
    if (!cards.insert(card)) {
      throw new Refused("the card's id or address was taken meanwhile");
    }
    undo.add(() -> collection(CardRepository.COLLECTION).deleteOne(Filters.eq("_id", card.id())));
  }

  /** Replaces the card with the same id in one write, if it has not changed since it was read. */
  private void replace(ModelCard card, Document existing, Undo undo) {
    boolean replaced;
    try {
      replaced =
          isWhole(existing.get("version"))
              && cards.compareAndSet(card, ((Number) existing.get("version")).longValue());
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new Refused("the card's address was taken meanwhile");
      }
      throw e;
    }
    if (!replaced) {
      throw new Refused("the card it replaces changed meanwhile");
    }
    undo.add(() -> putBack(collection(CardRepository.COLLECTION), List.of(existing)));
  }

  /** Writes documents back as they were read, whether or not they are still there. */
  private static void putBack(MongoCollection<Document> collection, List<Document> documents) {
    for (Document document : documents) {
      collection.replaceOne(
          Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
    }
  }

  private static List<Object> ids(List<Document> documents) {
    return documents.stream().map(d -> d.get("_id")).toList();
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

    /** The content's share list here: users unknown here drop out. */
    List<String> known(CardContent content) {
      List<String> mapped = new ArrayList<>();
      for (String userId : content.sharedWith()) {
        known(userId).ifPresent(mapped::add);
      }
      return mapped;
    }
  }

  /** A card of the bundle, checked and ready to write under the id and slug the import picks. */
  private record Incoming(
      String slug,
      CardContent content,
      Set<String> mediaIds,
      Instant createdAt,
      Instant updatedAt,
      long version,
      List<Revision> revisions) {}

  /** A media file of a card: its id here, and what its bytes are. */
  private record MediaFile(
      String id, boolean reused, MediaFormat format, long size, String sha256, String name) {}

  /** What a card's import wrote so far, to be taken back, last first, when a later step fails. */
  private static final class Undo {

    private final Deque<Runnable> steps = new ArrayDeque<>();

    void add(Runnable step) {
      steps.push(step);
    }

    void run(String cardId) {
      while (!steps.isEmpty()) {
        try {
          steps.pop().run();
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING, "Could not take back part of the failed import of card " + cardId, e);
        }
      }
    }
  }

  /** Why a card of the bundle is not imported; the message is its item's reason. */
  private static final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
