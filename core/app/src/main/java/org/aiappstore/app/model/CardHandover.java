package org.aiappstore.app.model;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * Admins hand cards over to another user, so that a leaving user's cards keep an owner who can
 * change them. A hand-over is a write like any other: a new version and revision (fields {@code
 * owner}, plus {@code sharedWith} and {@code ownerDisplayName} when they follow), a {@link
 * CardChanged} (search index, webhook {@code card.updated}) and a {@link CardOwnerChanged} (audit).
 *
 * <ul>
 *   <li>The card keeps its slug unless the new owner already has a card with it; then it gets the
 *       first free numbered one ({@code name-2}, ...), as a new card would.
 *   <li>The new owner leaves the share list: an owner needs no share.
 *   <li>{@code ownerDisplayName} follows when it was the former owner's display name (the default);
 *       a name typed by hand, say a team's, stays.
 *   <li>The card's demo apps go with it ({@link DemoAppOwners}); a card whose apps would take the
 *       new owner over their app quota is refused.
 *   <li>Media files stay their uploader's: the card lists them, so any writer of the card may keep
 *       them, the cleanup job leaves them alone and their uploader cannot delete them.
 * </ul>
 *
 * Each card is written by one compare-and-set, so it changes completely or not at all; its demo
 * apps follow right after (a retried compare-and-set each, as when an app becomes a card's demo).
 */
@ApplicationScoped
public class CardHandover {

  static final int MAX_CARDS = 100;
  private static final int SLUG_ATTEMPTS = 50;
  private static final String INVALID = "INVALID_OWNER_CHANGE";

  @Inject CardRepository cards;
  @Inject RevisionRepository revisions;
  @Inject UserRepository users;
  @Inject DemoAppOwners apps;
  @Inject Event<CardChanged> changeEvents;
  @Inject Event<CardOwnerChanged> ownerEvents;

  private Consumer<CardChanged> changes = change -> {};
  private Consumer<CardOwnerChanged> ownerChanges = change -> {};
  private Clock clock = Clock.systemUTC();

  public CardHandover() {}

  CardHandover(
      CardRepository cards,
      RevisionRepository revisions,
      UserRepository users,
      DemoAppOwners apps,
      Consumer<CardChanged> changes,
      Consumer<CardOwnerChanged> ownerChanges,
      Clock clock) {
    this.cards = cards;
    this.revisions = revisions;
    this.users = users;
    this.apps = apps;
    this.changes = changes;
    this.ownerChanges = ownerChanges;
    this.clock = clock;
  }

  @PostConstruct
  void events() {
    changes = changeEvents::fire;
    ownerChanges = ownerEvents::fire;
  }

  /** One card to hand over; {@code version}, if given, must be the card's (as If-Match). */
  public record CardRef(String id, Long version) {}

  /**
   * The outcome for one card: 200 with its new address and version (the same version when the user
   * already owned it), or the status and code of the problem that left it unchanged.
   */
  public record Result(
      String id, int status, String code, String detail, String owner, String slug, Long version) {

    static Result failed(String id, ProblemException e) {
      return new Result(id, e.status(), e.code(), e.getMessage(), null, null, null);
    }
  }

  /**
   * Hands the cards to {@code ownerId}. The request as a whole is checked first (422 naming every
   * invalid field: no such user, a disabled one, no cards, too many, no such card); then each card
   * answers for itself, in the order given, duplicates once.
   */
  public List<Result> handOver(Caller caller, String ownerId, List<CardRef> refs) {
    List<Problem.FieldError> errors = new ArrayList<>();
    User owner = newOwner(ownerId, errors);
    Map<String, CardRef> byId = cardRefs(refs, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, INVALID, "The owner change has invalid fields.", errors, Map.of());
    }
    List<Result> results = new ArrayList<>();
    for (CardRef ref : byId.values()) {
      try {
        results.add(handOverOne(caller, ref, owner));
      } catch (ProblemException e) {
        results.add(Result.failed(ref.id(), e));
      }
    }
    return results;
  }

  private User newOwner(String ownerId, List<Problem.FieldError> errors) {
    if (ownerId == null || ownerId.isBlank()) {
      errors.add(new Problem.FieldError("/owner", "is required: the id of the new owner"));
      return null;
    }
    Optional<User> owner = users.findById(ownerId);
    if (owner.isEmpty()) {
      errors.add(new Problem.FieldError("/owner", "is not a user"));
      return null;
    }
    if (owner.get().disabled()) {
      errors.add(
          new Problem.FieldError(
              "/owner", "is disabled: hand the cards to a user who can sign in"));
    }
    return owner.get();
  }

  private Map<String, CardRef> cardRefs(List<CardRef> refs, List<Problem.FieldError> errors) {
    Map<String, CardRef> byId = new LinkedHashMap<>();
    if (refs == null || refs.isEmpty() || refs.size() > MAX_CARDS) {
      errors.add(new Problem.FieldError("/cards", "must list 1 to " + MAX_CARDS + " cards"));
      return byId;
    }
    for (int i = 0; i < refs.size(); i++) {
      CardRef ref = refs.get(i);
      String pointer = "/cards/" + i;
      if (ref == null || ref.id() == null || ref.id().isBlank()) {
        errors.add(new Problem.FieldError(pointer + "/id", "is required"));
      } else if (cards.findById(ref.id()).isEmpty()) {
        errors.add(new Problem.FieldError(pointer + "/id", "is not a card"));
      } else if (ref.version() != null && ref.version() < 1) {
        errors.add(new Problem.FieldError(pointer + "/version", "must be 1 or more"));
      } else {
        byId.putIfAbsent(ref.id(), ref);
      }
    }
    return byId;
  }

  private Result handOverOne(Caller caller, CardRef ref, User owner) {
    ModelCard card = cards.findById(ref.id()).orElseThrow(CardService::notFound);
    if (ref.version() != null) {
      Preconditions.check(ref.version(), card);
    }
    if (card.ownerId().equals(owner.id())) {
      return new Result(card.id(), 200, null, null, owner.username(), card.slug(), card.version());
    }
    apps.checkHandOver(card.id(), owner.id(), owner.username());
    Optional<User> former = users.findById(card.ownerId());
    CardContent content = handedOverContent(card.content(), former, owner);
    ModelCard written = write(card, owner, content);
    List<String> fields = new ArrayList<>(List.of("owner"));
    fields.addAll(CardJson.changedFields(card.content(), content));
    revisions.insert(
        new Revision(
            card.id(),
            written.version(),
            caller.userId(),
            written.updatedAt(),
            fields,
            null,
            content));
    List<String> appIds = apps.handOver(card.id(), owner.id());
    changes.accept(new CardChanged(card.id(), CardChanged.Kind.UPDATED, written.version()));
    ownerChanges.accept(
        new CardOwnerChanged(
            card.id(),
            written.version(),
            former.map(User::username).orElse(card.ownerId()),
            owner.username(),
            appIds));
    return new Result(
        card.id(), 200, null, null, owner.username(), written.slug(), written.version());
  }

  /** The content under its new owner: out of the share list, and named if it named the former. */
  static CardContent handedOverContent(CardContent content, Optional<User> former, User owner) {
    CardContent next =
        content.withSharedWith(
            content.sharedWith().stream().filter(id -> !id.equals(owner.id())).toList());
    boolean namedTheFormer =
        former.isPresent() && content.ownerDisplayName().equals(former.get().displayName());
    return namedTheFormer ? next.withOwnerDisplayName(owner.displayName()) : next;
  }

  /** The card at the new owner, under its slug or the first free numbered one. */
  private ModelCard write(ModelCard card, User owner, CardContent content) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 1; attempt <= SLUG_ATTEMPTS; attempt++) {
      String slug = attempt == 1 ? card.slug() : Slugs.numbered(card.slug(), attempt);
      if (cards.findBySlug(owner.id(), slug).isPresent()) {
        continue;
      }
      ModelCard next =
          new ModelCard(
              card.id(),
              owner.id(),
              slug,
              content,
              card.mediaIds(),
              card.createdAt(),
              now,
              card.version() + 1);
      switch (cards.move(next, card.version())) {
        case DONE:
          return next;
        case STALE:
          throw Preconditions.stale();
        case SLUG_TAKEN:
          break; // taken meanwhile: the next number
      }
    }
    throw new ProblemException(
        409,
        "SLUG_TAKEN",
        owner.username()
            + " already has cards at every address like this one; delete one of them first.");
  }
}
