package org.aiappstore.app.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaService;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.content.SanitizedDocument;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * Creating, reading, changing and deleting model cards, with their history. Every read goes through
 * {@link #readable}, so a card the caller may not see is a 404 on every path; every write is a
 * compare-and-set on the version the caller read.
 */
@ApplicationScoped
public class CardService {

  private static final int SLUG_ATTEMPTS = 50;

  @Inject CardRepository cards;
  @Inject RevisionRepository revisions;
  @Inject UserRepository users;
  @Inject TaskTaxonomy taxonomy;
  @Inject RichDocuments documents;
  @Inject MediaService media;
  @Inject MediaReferences mediaReferences;
  @Inject DraftStore drafts;
  @Inject Event<CardChanged> changes;
  @Inject DemoApps demoApps;

  private final Clock clock = Clock.systemUTC();

  public ModelCard create(Caller caller, JsonObject input) {
    List<Problem.FieldError> errors = new ArrayList<>();
    CardContent parsed = CardJson.parse(input, Set.of("slug"), errors);
    String requestedSlug = requestedSlug(input, errors);
    String id = UUID.randomUUID().toString();
    Prepared prepared = prepare(caller, id, null, caller.userId(), parsed, errors);
    Instant now = now();
    ModelCard card = insertWithFreeSlug(caller, id, requestedSlug, prepared, now);
    mediaReferences.attach(prepared.mediaIds(), id);
    attachDemoApp(null, card);
    revisions.insert(
        new Revision(
            id,
            1,
            caller.userId(),
            now,
            CardJson.changedFields(CardContent.EMPTY, card.content()),
            null,
            card.content()));
    changes.fire(new CardChanged(id, CardChanged.Kind.CREATED, card.version()));
    return card;
  }

  private ModelCard insertWithFreeSlug(
      Caller caller, String id, String requestedSlug, Prepared prepared, Instant now) {
    String base =
        requestedSlug != null ? requestedSlug : Slugs.fromTitle(prepared.content().title());
    for (int attempt = 1; attempt <= SLUG_ATTEMPTS; attempt++) {
      String slug = attempt == 1 ? base : Slugs.numbered(base, attempt);
      ModelCard card =
          new ModelCard(
              id, caller.userId(), slug, prepared.content(), prepared.mediaIds(), now, now, 1);
      if (cards.insert(card)) {
        return card;
      }
      if (requestedSlug != null) {
        throw ProblemException.field(
            409, "SLUG_TAKEN", "/slug", "You already have a card at this address; choose another.");
      }
    }
    throw ProblemException.field(
        409, "SLUG_TAKEN", "/title", "Too many of your cards have this title; change it a little.");
  }

  private static String requestedSlug(JsonObject input, List<Problem.FieldError> errors) {
    JsonValue value = input.get("slug");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString slug && Slugs.isValid(slug.getString())) {
      return slug.getString();
    }
    errors.add(
        new Problem.FieldError(
            "/slug",
            "must be lowercase letters and digits separated by single hyphens, at most "
                + Slugs.MAX_LENGTH
                + " characters"));
    return null;
  }

  /**
   * The card, if the caller may see it; 404 otherwise (also for a private card of someone else).
   */
  public ModelCard readable(Caller caller, String ownerName, String slug) {
    return users
        .findByUsername(ownerName)
        .flatMap(owner -> cards.findBySlug(owner.id(), slug))
        .filter(card -> CardAccess.canRead(card, caller))
        .orElseThrow(CardService::notFound);
  }

  private ModelCard writable(Caller caller, String ownerName, String slug) {
    ModelCard card = readable(caller, ownerName, slug);
    requireWrite(caller, card);
    return card;
  }

  private static void requireWrite(Caller caller, ModelCard card) {
    if (!CardAccess.canWrite(card, caller)) {
      throw new ProblemException(
          403, "CARD_FORBIDDEN", "Only the card's owner or an admin may change or delete it.");
    }
  }

  /** {@code PUT} (the input replaces every writable field) or {@code PATCH} (a merge patch). */
  public ModelCard update(
      Caller caller,
      String ownerName,
      String slug,
      String ifMatch,
      JsonObject input,
      boolean patch) {
    long expected = Preconditions.required(ifMatch);
    ModelCard card = writable(caller, ownerName, slug);
    Preconditions.check(expected, card);
    JsonObject json =
        patch
            ? Json.createMergePatch(input).apply(CardJson.toJson(card.content())).asJsonObject()
            : input;
    List<Problem.FieldError> errors = new ArrayList<>();
    CardContent parsed = CardJson.parse(json, Set.of(), errors);
    Prepared prepared = prepare(caller, card.id(), card, card.ownerId(), parsed, errors);
    ModelCard written = write(caller, card, prepared.content(), prepared.mediaIds(), null);
    attachDemoApp(card, written);
    return written;
  }

  public ModelCard restore(
      Caller caller, String ownerName, String slug, long number, String ifMatch) {
    long expected = Preconditions.required(ifMatch);
    ModelCard card = writable(caller, ownerName, slug);
    Preconditions.check(expected, card);
    Revision revision =
        revisions.find(card.id(), number).orElseThrow(CardService::revisionNotFound);
    // Users deleted since then drop out of the share list; media of the card's history are kept
    // for as long as the card exists, so the documents are restored as they were.
    CardContent restored = revision.content().withSharedWith(existingUsers(revision.content()));
    return write(caller, card, restored, card.mediaIds(), number);
  }

  private ModelCard write(
      Caller caller, ModelCard card, CardContent content, Set<String> mediaIds, Long restoredFrom) {
    List<String> fields = CardJson.changedFields(card.content(), content);
    if (fields.isEmpty() && restoredFrom == null) {
      return card;
    }
    Instant now = now();
    ModelCard next =
        new ModelCard(
            card.id(),
            card.ownerId(),
            card.slug(),
            content,
            mediaIds,
            card.createdAt(),
            now,
            card.version() + 1);
    if (!cards.compareAndSet(next, card.version())) {
      throw Preconditions.stale();
    }
    Set<String> added = new LinkedHashSet<>(mediaIds);
    added.removeAll(card.mediaIds());
    mediaReferences.attach(added, card.id());
    revisions.insert(
        new Revision(
            card.id(), next.version(), caller.userId(), now, fields, restoredFrom, content));
    changes.fire(new CardChanged(card.id(), CardChanged.Kind.UPDATED, next.version()));
    return next;
  }

  public void delete(Caller caller, String ownerName, String slug, String ifMatch) {
    Long expected = Preconditions.optional(ifMatch);
    ModelCard card = writable(caller, ownerName, slug);
    if (expected != null) {
      Preconditions.check(expected, card);
    }
    remove(card, expected);
  }

  /** Deletes each card the caller may delete; one result per id, in the order given. */
  public List<BulkResult> bulkDelete(Caller caller, List<String> ids) {
    List<BulkResult> results = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      try {
        ModelCard card =
            cards
                .findById(id)
                .filter(c -> CardAccess.canRead(c, caller))
                .orElseThrow(CardService::notFound);
        requireWrite(caller, card);
        remove(card, null);
        results.add(new BulkResult(id, 204, null, null));
      } catch (ProblemException e) {
        results.add(new BulkResult(id, e.status(), e.code(), e.getMessage()));
      }
    }
    return results;
  }

  private void remove(ModelCard card, Long expected) {
    if (!cards.delete(card.id(), expected)) {
      throw expected == null ? notFound() : Preconditions.stale();
    }
    revisions.deleteAll(card.id());
    mediaReferences.release(card.id());
    drafts.deleteEveryonesDraft(card.id());
    changes.fire(new CardChanged(card.id(), CardChanged.Kind.DELETED, card.version()));
  }

  public List<Revision> revisions(Caller caller, String ownerName, String slug) {
    return revisions.list(readable(caller, ownerName, slug).id());
  }

  public Revision revision(Caller caller, String ownerName, String slug, long number) {
    ModelCard card = readable(caller, ownerName, slug);
    return revisions.find(card.id(), number).orElseThrow(CardService::revisionNotFound);
  }

  /** Cards the caller may see, optionally of one owner, most recently updated first. */
  public CardPage list(Caller caller, String ownerName, int page, int size) {
    var visible = CardAccess.visibleTo(caller);
    var filter = visible;
    if (ownerName != null && !ownerName.isBlank()) {
      String ownerId =
          "me".equals(ownerName)
              ? caller.userId()
              : users.findByUsername(ownerName).map(User::id).orElse(null);
      if (ownerId == null) {
        return new CardPage(List.of(), 0, page, size);
      }
      var byOwner = com.mongodb.client.model.Filters.eq("ownerId", ownerId);
      filter = visible == null ? byOwner : com.mongodb.client.model.Filters.and(visible, byOwner);
    }
    return new CardPage(cards.page(filter, page, size), cards.count(filter), page, size);
  }

  /**
   * Checks what the JSON form cannot (task, share list, demo video), sanitizes the documents and
   * claims the media they use. Throws 422 with every field error at once.
   */
  private Prepared prepare(
      Caller caller,
      String cardId,
      ModelCard existing,
      String ownerId,
      CardContent parsed,
      List<Problem.FieldError> errors) {
    CardContent before = existing == null ? null : existing.content();
    String task = parsed.task();
    if (!task.isEmpty()) {
      task = taxonomy.canonical(task).orElse(null);
      if (task == null && before != null && before.task().equalsIgnoreCase(parsed.task())) {
        task = before.task(); // an admin removed the task since; the card may keep it
      }
      if (task == null) {
        errors.add(
            new Problem.FieldError(
                "/task", "must be one of: " + String.join(", ", taxonomy.tasks())));
        task = parsed.task();
      }
    }
    for (int i = 0; i < parsed.sharedWith().size(); i++) {
      String userId = parsed.sharedWith().get(i);
      boolean known = before != null && before.sharedWith().contains(userId);
      if (!known && users.findById(userId).isEmpty()) {
        errors.add(new Problem.FieldError("/sharedWith/" + i, "is not a user"));
      }
    }
    String videoId = parsed.demo().type() == DemoType.VIDEO ? parsed.demo().mediaId() : null;
    boolean videoUnchanged =
        videoId != null && existing != null && existing.mediaIds().contains(videoId);
    if (videoId != null && !videoUnchanged && !isVideo(caller, videoId)) {
      errors.add(new Problem.FieldError("/demo/mediaId", "is not a video you uploaded"));
    }
    String newAppId = newDemoAppId(existing, parsed);
    if (newAppId != null) {
      demoApps
          .problem(caller, cardId, ownerId, newAppId)
          .ifPresent(problem -> errors.add(new Problem.FieldError("/demo/appId", problem)));
    }
    String ownerDisplayName = parsed.ownerDisplayName();
    if (ownerDisplayName.isEmpty()) {
      ownerDisplayName = users.findById(ownerId).map(User::displayName).orElse("");
    }
    throwIfInvalid(errors);

    SanitizedDocument body = documents.sanitize(caller, parsed.body(), "/body", errors);
    SanitizedDocument performance =
        documents.sanitize(caller, parsed.performance(), "/performance", errors);
    throwIfInvalid(errors);

    Set<String> used = new LinkedHashSet<>(body.mediaIds());
    used.addAll(performance.mediaIds());
    if (videoId != null) {
      used.add(videoId);
    }
    Set<String> known = existing == null ? Set.of() : existing.mediaIds();
    for (String mediaId : used) {
      if (!known.contains(mediaId) && !isUsable(caller, mediaId)) {
        errors.add(
            new Problem.FieldError(
                pointerOf(mediaId, body, performance),
                "uses a media file you did not upload (upload your own copy)"));
      }
    }
    throwIfInvalid(errors);
    for (String missing : mediaReferences.claim(used, now())) {
      errors.add(
          new Problem.FieldError(
              pointerOf(missing, body, performance), "uses a media file that was deleted"));
    }
    throwIfInvalid(errors);

    Set<String> mediaIds = new LinkedHashSet<>(known);
    mediaIds.addAll(used);
    CardContent content =
        new CardContent(
            parsed.title(),
            task,
            parsed.tags(),
            parsed.frameworks(),
            parsed.description(),
            parsed.explanation(),
            parsed.usage(),
            parsed.limitations(),
            ownerDisplayName,
            parsed.pointOfContact(),
            body.html(),
            performance.html(),
            parsed.artifacts(),
            parsed.experiment(),
            parsed.dataset(),
            parsed.demo(),
            parsed.visibility(),
            parsed.sharedWith());
    return new Prepared(content, mediaIds);
  }

  /** The demo app a write sets, if it is not the one the card already shows. */
  private static String newDemoAppId(ModelCard existing, CardContent content) {
    if (content.demo().type() != DemoType.APP || content.demo().appId() == null) {
      return null;
    }
    String appId = content.demo().appId();
    boolean unchanged =
        existing != null
            && existing.content().demo().type() == DemoType.APP
            && appId.equals(existing.content().demo().appId());
    return unchanged ? null : appId;
  }

  /** A preview app published as the card's demo becomes its demo: it no longer expires. */
  private void attachDemoApp(ModelCard before, ModelCard written) {
    String appId = newDemoAppId(before, written.content());
    if (appId != null) {
      demoApps.attach(written.id(), written.ownerId(), appId);
    }
  }

  private static String pointerOf(
      String mediaId, SanitizedDocument body, SanitizedDocument performance) {
    if (body.mediaIds().contains(mediaId)) {
      return "/body";
    }
    return performance.mediaIds().contains(mediaId) ? "/performance" : "/demo/mediaId";
  }

  private boolean isUsable(Caller caller, String mediaId) {
    return media.usable(caller, mediaId).isPresent();
  }

  private boolean isVideo(Caller caller, String mediaId) {
    return media.usable(caller, mediaId).filter(m -> m.kind() == MediaKind.VIDEO).isPresent();
  }

  private List<String> existingUsers(CardContent content) {
    return content.sharedWith().stream().filter(id -> users.findById(id).isPresent()).toList();
  }

  private static void throwIfInvalid(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "INVALID_CARD", "The card has invalid fields.", List.copyOf(errors), Map.of());
    }
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }

  static ProblemException notFound() {
    return new ProblemException(404, "CARD_NOT_FOUND", "There is no model card at this address.");
  }

  private static ProblemException revisionNotFound() {
    return new ProblemException(404, "REVISION_NOT_FOUND", "The card has no such revision.");
  }

  /** Validated content and every media file the card (with its history) uses. */
  private record Prepared(CardContent content, Set<String> mediaIds) {}

  /** One card of a bulk action. */
  public record BulkResult(String id, int status, String code, String detail) {}

  /** A page of cards. */
  public record CardPage(List<ModelCard> items, long total, int page, int size) {}
}
