package org.aiappstore.app.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.Role;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardContent.Demo;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardContent.Visibility;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.persistence.TestingMongo;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * A database (in-memory MongoDB), its repositories and a search indexer with an in-memory index,
 * plus builders for users and cards: writes go through the database and the change event, as in the
 * application.
 */
final class SearchFixture implements AutoCloseable {

  final TestingMongo mongo;
  final CardRepository cards;
  final UserRepository users;
  final CardChangeLog log;
  final OwnerDirectory owners;
  final List<SearchIndexer> indexers = new ArrayList<>();
  final SearchIndexer indexer;
  final CardSearchService search;

  private final boolean ownsMongo;

  SearchFixture() {
    this(new TestingMongo(), true);
  }

  /** Another server on the same database as {@code other}: its own index, its own indexer. */
  SearchFixture(SearchFixture other) {
    this(other.mongo, false);
  }

  private SearchFixture(TestingMongo mongo, boolean ownsMongo) {
    this.mongo = mongo;
    this.ownsMongo = ownsMongo;
    this.cards = new CardRepository(mongo);
    this.users = new UserRepository(mongo);
    this.log = new CardChangeLog(mongo);
    this.owners = new OwnerDirectory(users, Clock.systemUTC());
    this.indexer = newIndexer(Clock.systemUTC());
    this.search = new CardSearchService(indexer, owners);
  }

  /** An indexer over a new in-memory index, built (or caught up) by its first tick. */
  SearchIndexer newIndexer(Clock clock) {
    return newIndexer(clock, new ByteBuffersDirectory());
  }

  /** An indexer over the index in {@code directory}, started (built or caught up) by one tick. */
  SearchIndexer newIndexer(Clock clock, Directory directory) {
    SearchIndexer created = new SearchIndexer(log, cards, owners, clock);
    try {
      created.open(directory, 16);
      created.tick();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    indexers.add(created);
    return created;
  }

  User user(String username) {
    return user(username, Role.USER);
  }

  User admin(String username) {
    return user(username, Role.ADMIN);
  }

  private User user(String username, String role) {
    Instant now = Instant.now();
    return users.insert(
        new User(
            UUID.randomUUID().toString(),
            username,
            "Display " + username,
            username + "@example.org",
            Role.normalize(Set.of(role)),
            "hash",
            false,
            now,
            now,
            1,
            null,
            null,
            null,
            null));
  }

  static Caller caller(User user) {
    return new Caller(
        user.id(), user.username(), user.roles(), Caller.Credential.session("s-1"), null);
  }

  /** Stores a new card and announces it, as {@code CardService} does. */
  ModelCard create(TestCard card) {
    ModelCard stored = card.build();
    if (!cards.insert(stored)) {
      throw new IllegalStateException("slug taken: " + stored.slug());
    }
    indexer.onCardChanged(new CardChanged(stored.id(), CardChanged.Kind.CREATED));
    return stored;
  }

  /** Stores a card without announcing it: a write whose change record was lost. */
  ModelCard createSilently(TestCard card) {
    ModelCard stored = card.build();
    cards.insert(stored);
    return stored;
  }

  ModelCard update(ModelCard card, CardContent content) {
    ModelCard next =
        new ModelCard(
            card.id(),
            card.ownerId(),
            card.slug(),
            content,
            card.mediaIds(),
            card.createdAt(),
            Instant.now(),
            card.version() + 1);
    if (!cards.compareAndSet(next, card.version())) {
      throw new IllegalStateException("stale");
    }
    indexer.onCardChanged(new CardChanged(card.id(), CardChanged.Kind.UPDATED));
    return next;
  }

  void delete(ModelCard card) {
    cards.delete(card.id(), null);
    indexer.onCardChanged(new CardChanged(card.id(), CardChanged.Kind.DELETED));
  }

  /** A request from name/value pairs, e.g. {@code request("q", "resnet", "tags", "vision")}. */
  static SearchRequest request(String... pairs) {
    java.util.Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parameters.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return SearchRequest.parse(parameters);
  }

  SearchResultView search(User user, String... pairs) {
    return search(user, request(pairs));
  }

  SearchResultView search(User user, SearchRequest request) {
    return new SearchResultView(search.search(caller(user), request));
  }

  @Override
  public void close() {
    indexers.forEach(SearchIndexer::stop);
    if (ownsMongo) {
      mongo.close();
    }
  }

  /** A card to build, with plain defaults for everything a test does not care about. */
  static final class TestCard {
    private final User owner;
    private String title = "Untitled model";
    private String task = "Computer Vision";
    private List<String> tags = List.of();
    private List<String> frameworks = List.of();
    private String description = "";
    private String explanation = "";
    private String body = "";
    private Demo demo = Demo.NONE;
    private Visibility visibility = Visibility.PUBLIC;
    private List<String> sharedWith = List.of();
    private Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
    private Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z");

    TestCard(User owner) {
      this.owner = owner;
    }

    TestCard title(String value) {
      title = value;
      return this;
    }

    TestCard task(String value) {
      task = value;
      return this;
    }

    TestCard tags(String... values) {
      tags = List.of(values);
      return this;
    }

    TestCard frameworks(String... values) {
      frameworks = List.of(values);
      return this;
    }

    TestCard description(String value) {
      description = value;
      return this;
    }

    TestCard explanation(String value) {
      explanation = value;
      return this;
    }

    TestCard body(String html) {
      body = html;
      return this;
    }

    TestCard demoApp() {
      demo = new Demo(DemoType.APP, "app-1", null);
      return this;
    }

    TestCard demoVideo() {
      demo = new Demo(DemoType.VIDEO, null, UUID.randomUUID().toString());
      return this;
    }

    TestCard privateTo(User... users) {
      visibility = Visibility.PRIVATE;
      sharedWith = java.util.Arrays.stream(users).map(User::id).toList();
      return this;
    }

    TestCard created(Instant value) {
      createdAt = value;
      return this;
    }

    TestCard updated(Instant value) {
      updatedAt = value;
      return this;
    }

    ModelCard build() {
      CardContent content =
          new CardContent(
              title,
              task,
              tags,
              frameworks,
              description,
              explanation,
              "",
              "",
              owner.displayName(),
              "",
              body,
              "",
              List.of(),
              null,
              null,
              demo,
              visibility,
              sharedWith);
      return new ModelCard(
          UUID.randomUUID().toString(),
          owner.id(),
          "card-" + UUID.randomUUID().toString().substring(0, 8),
          content,
          Set.of(),
          createdAt,
          updatedAt,
          1);
    }
  }

  /** A search result with shortcuts for assertions. */
  record SearchResultView(CardSearchService.SearchResult result) {

    List<String> titles() {
      return result.hits().stream().map(h -> h.summary().getString("title")).toList();
    }

    List<String> ids() {
      return result.hits().stream().map(h -> h.summary().getString("id")).toList();
    }

    long total() {
      return result.total();
    }

    java.util.Map<String, Long> facet(String name) {
      CardSearchService.FacetCounts facets = result.facets();
      List<CardSearchService.FacetValue> values =
          switch (name) {
            case "task" -> facets.task();
            case "frameworks" -> facets.frameworks();
            case "owner" -> facets.owner();
            case "tags" -> facets.tags();
            default -> throw new IllegalArgumentException(name);
          };
      java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
      values.forEach(v -> counts.put(v.value(), v.count()));
      return counts;
    }
  }
}
