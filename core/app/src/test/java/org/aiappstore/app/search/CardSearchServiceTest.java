package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.search.CardSearchService.Hit;
import org.aiappstore.app.search.SearchFixture.SearchResultView;
import org.aiappstore.app.search.SearchFixture.TestCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardSearchServiceTest {

  private SearchFixture fixture;
  private User alice;
  private User bob;

  @BeforeEach
  void setUp() {
    fixture = new SearchFixture();
    alice = fixture.user("alice");
    bob = fixture.user("bob");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private TestCard card(User owner) {
    return new TestCard(owner);
  }

  @Test
  void shouldNameTheOwnerInEveryResultsSummary() {
    fixture.create(card(bob).title("Lidar segmenter"));

    JsonObject summary = fixture.search(alice, "q", "lidar").result().hits().get(0).summary();

    assertThat(summary.getString("title")).isEqualTo("Lidar segmenter");
    JsonObject owner = summary.getJsonObject("owner");
    assertThat(owner.getString("id")).isEqualTo(bob.id());
    assertThat(owner.getString("username")).isEqualTo("bob");
    assertThat(owner.getString("displayName")).isEqualTo("Display bob");
  }

  @Nested
  class Relevance {

    @Test
    void shouldRankAnExactTitleMatchAboveABodyOnlyMatch() {
      String body = "<p>" + "Our sentinel crop classifier handles clouds. ".repeat(20) + "</p>";
      fixture.create(card(bob).title("Weather notes").body(body));
      fixture.create(card(bob).title("Crop yields").description("A sentinel crop classifier."));
      fixture.create(card(alice).title("Sentinel Crop Classifier"));

      SearchResultView result = fixture.search(alice, "q", "sentinel crop classifier");

      assertThat(result.titles())
          .containsExactly("Sentinel Crop Classifier", "Crop yields", "Weather notes");
    }

    @Test
    void shouldRankATitleWordAboveTheSameWordInTheDocuments() {
      fixture.create(card(bob).title("Segmentation toolkit").body("<p>Works with lidar.</p>"));
      fixture.create(card(alice).title("Lidar point clouds"));

      assertThat(fixture.search(alice, "q", "lidar").titles())
          .containsExactly("Lidar point clouds", "Segmentation toolkit");
    }

    @Test
    void shouldRequireEveryWordSomewhereInTheCard() {
      fixture.create(card(alice).title("Lidar detector").tags("automotive"));
      fixture.create(card(alice).title("Lidar mapper"));

      assertThat(fixture.search(alice, "q", "lidar automotive").titles())
          .containsExactly("Lidar detector");
      assertThat(fixture.search(alice, "q", "lidar banana").total()).isZero();
    }

    @Test
    void shouldFindWordsInEveryIndexedField() {
      fixture.create(
          card(alice)
              .title("Alpha")
              .task("Audio")
              .tags("whisper-small")
              .frameworks("JAX")
              .description("about kestrels")
              .explanation("uses ospreys")
              .body(
                  "<table><tr><td>falcon</td></tr></table>"
                      + "<div data-type=\"chart\" data-figure=\"{&quot;data&quot;:[]}\""
                      + " data-caption=\"heron accuracy\"></div>"));

      for (String word :
          List.of("audio", "whisper", "jax", "kestrel", "osprey", "falcon", "heron")) {
        assertThat(fixture.search(bob, "q", word).titles()).as(word).containsExactly("Alpha");
      }
      assertThat(fixture.search(bob, "q", "Display alice").titles()).containsExactly("Alpha");
    }

    @Test
    void shouldMatchAQuotedPhraseOnlyWithItsWordsTogether() {
      fixture.create(card(alice).title("Together").description("a fast crop classifier"));
      fixture.create(card(alice).title("Apart").description("a crop that no classifier knows"));

      assertThat(fixture.search(alice, "q", "\"crop classifier\"").titles())
          .containsExactly("Together");
      assertThat(fixture.search(alice, "q", "crop classifier").titles())
          .containsExactlyInAnyOrder("Together", "Apart");
    }

    @Test
    void shouldFindPluralsAndAccentsBothWays() {
      fixture.create(card(alice).title("Café classifiers"));

      assertThat(fixture.search(alice, "q", "cafe classifier").total()).isEqualTo(1);
    }
  }

  @Nested
  class UserTextIsData {

    @Test
    void shouldSearchCPlusPlusLiterallyNotAsTheLetterC() {
      fixture.create(card(alice).title("Fast C++ runtime"));
      fixture.create(card(alice).title("Plain C baseline"));
      fixture.create(card(alice).title("C# bindings"));

      assertThat(fixture.search(alice, "q", "C++").titles()).containsExactly("Fast C++ runtime");
      assertThat(fixture.search(alice, "q", "c#").titles()).containsExactly("C# bindings");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "(.*)",
          ".*",
          "[",
          "]",
          "*",
          "?",
          "\\",
          "a[b",
          "title:secret",
          "+-&&||!(){}[]^\"~*?:\\/",
          "\"",
          "\"\"",
          "/.*/",
          "$where",
          "{\"$ne\": null}"
        })
    void shouldTreatSyntaxAndRegexCharactersAsTextThatMatchesNothingHere(String text) {
      fixture.create(card(alice).title("Secret model").description("anything at all"));

      SearchResultView result = fixture.search(alice, "q", text);

      assertThat(result.total()).as(text).isZero();
    }

    @Test
    void shouldStillMatchTheWordsAroundSyntaxCharacters() {
      fixture.create(card(alice).title("Parser (regex) helper"));

      assertThat(fixture.search(alice, "q", "(regex)").total()).isEqualTo(1);
      assertThat(fixture.search(alice, "q", "parser (.*)").total()).isEqualTo(1);
      assertThat(fixture.search(alice, "q", "title:parser").total()).isZero();
    }

    @Test
    void shouldEscapeTheTextAroundHighlightedWords() {
      fixture.create(
          card(alice)
              .title("Detector <b>bold</b>")
              .description("Finds objects & <script>alert(1)</script> \"quoted\" text"));

      Hit hit =
          fixture
              .search
              .search(SearchFixture.caller(alice), SearchFixture.request("q", "objects bold"))
              .hits()
              .get(0);

      assertSoftly(
          softly -> {
            softly
                .assertThat(hit.snippets().get("description"))
                .contains("<mark>objects</mark>", "&amp;", "&lt;script&gt;", "&quot;quoted&quot;")
                .doesNotContain("<script>");
            softly
                .assertThat(hit.snippets().get("title"))
                .isEqualTo("Detector &lt;b&gt;<mark>bold</mark>&lt;&#x2F;b&gt;");
            softly.assertThat(hit.score()).isPositive();
          });
    }

    @Test
    void shouldHighlightOnlyFieldsThatMatch() {
      fixture.create(card(alice).title("Lidar").description("nothing here").body("<p>lidar</p>"));

      Hit hit =
          fixture
              .search
              .search(SearchFixture.caller(alice), SearchFixture.request("q", "lidar"))
              .hits()
              .get(0);

      assertThat(hit.snippets()).containsOnlyKeys("title", "documents");
    }
  }

  @Nested
  class Filters {

    @Test
    void shouldCombineTasksWithOrTagsWithAndFrameworksWithOr() {
      fixture.create(card(alice).title("A").task("Audio").tags("x", "y").frameworks("PyTorch"));
      fixture.create(card(alice).title("B").task("Computer Vision").tags("x").frameworks("JAX"));
      fixture.create(card(alice).title("C").task("Tabular").tags("x", "y").frameworks("ONNX"));

      assertThat(fixture.search(alice, "task", "audio", "task", "Computer Vision").titles())
          .containsExactlyInAnyOrder("A", "B");
      assertThat(fixture.search(alice, "tags", "x", "tags", "Y").titles())
          .containsExactlyInAnyOrder("A", "C");
      assertThat(fixture.search(alice, "frameworks", "pytorch", "frameworks", "jax").titles())
          .containsExactlyInAnyOrder("A", "B");
      assertThat(
              fixture
                  .search(
                      alice, "tags", "x", "tags", "y", "frameworks", "onnx", "frameworks", "jax")
                  .titles())
          .containsExactly("C");
    }

    @Test
    void shouldFilterByOwnerDemoVideoAndUpdateTime() {
      fixture.create(
          card(alice).title("Old app").demoApp().updated(Instant.parse("2026-03-01T00:00:00Z")));
      fixture.create(
          card(bob).title("New video").demoVideo().updated(Instant.parse("2026-06-01T00:00:00Z")));
      fixture.create(
          card(bob)
              .title("Inline video")
              .body("<video src=\"/api/v1/media/x\" controls></video>")
              .updated(Instant.parse("2026-06-02T00:00:00Z")));

      assertSoftly(
          softly -> {
            softly
                .assertThat(fixture.search(alice, "owner", "BOB").titles())
                .containsExactlyInAnyOrder("New video", "Inline video");
            softly
                .assertThat(fixture.search(alice, "owner", "me").titles())
                .containsExactly("Old app");
            softly.assertThat(fixture.search(alice, "owner", "nobody").total()).isZero();
            softly
                .assertThat(fixture.search(alice, "hasDemoApp", "true").titles())
                .containsExactly("Old app");
            softly.assertThat(fixture.search(alice, "hasDemoApp", "false").total()).isEqualTo(2);
            softly
                .assertThat(fixture.search(alice, "hasVideo", "true").titles())
                .containsExactlyInAnyOrder("New video", "Inline video");
            softly
                .assertThat(fixture.search(alice, "updatedAfter", "2026-06-01").titles())
                .containsExactlyInAnyOrder("New video", "Inline video");
            softly
                .assertThat(fixture.search(alice, "updatedBefore", "2026-06-01T00:00:00Z").titles())
                .containsExactly("Old app");
          });
    }

    @Test
    void shouldCountFacetsOfOrFiltersWithoutTheirOwnFilterAndTagsWithIt() {
      fixture.create(card(alice).title("A").task("Audio").tags("x", "y").frameworks("PyTorch"));
      fixture.create(
          card(alice).title("B").task("Computer Vision").tags("x").frameworks("pytorch"));
      fixture.create(card(bob).title("C").task("Audio").tags("z").frameworks("JAX"));

      SearchResultView result = fixture.search(alice, "task", "Audio", "tags", "x");

      assertSoftly(
          softly -> {
            softly.assertThat(result.titles()).containsExactly("A");
            softly
                .assertThat(result.facet("task"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("audio", 1L, "computer vision", 1L));
            softly
                .assertThat(result.facet("tags"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("x", 1L, "y", 1L));
            softly
                .assertThat(result.facet("frameworks"))
                .containsExactlyEntriesOf(Map.of("pytorch", 1L));
            softly.assertThat(result.facet("owner")).containsExactlyEntriesOf(Map.of("alice", 1L));
            softly
                .assertThat(result.result().facets().frameworks().get(0).label())
                .isEqualTo("PyTorch");
            softly
                .assertThat(result.result().facets().owner().get(0).label())
                .isEqualTo("Display alice");
          });
    }

    @Test
    void shouldAgreeWithABruteForceCountOverTheSameCards() {
      BruteForce brute = new BruteForce(fixture, 42);
      brute.createCards(300);

      for (int i = 0; i < 150; i++) {
        brute.checkRandomQuery();
      }
    }
  }

  @Nested
  class Visibility {

    private User friend;
    private User stranger;
    private User admin;

    @BeforeEach
    void privateCard() {
      friend = fixture.user("friend");
      stranger = fixture.user("stranger");
      admin = fixture.admin("root");
      fixture.create(
          card(alice)
              .title("Hidden gem")
              .task("Audio")
              .tags("secret-tag")
              .frameworks("Hush")
              .privateTo(friend));
      fixture.create(card(bob).title("Open model").task("Tabular").tags("open-tag"));
    }

    @Test
    void shouldAnswerTheSameSearchByWhatEachCallerMaySee() {
      fixture.create(card(alice).title("Private sentinel").privateTo(friend));

      assertThat(raw(alice, "q", "sentinel").total()).isEqualTo(1);
      assertThat(raw(friend, "q", "sentinel").total()).isEqualTo(1);
      assertThat(raw(bob, "q", "sentinel").total()).isZero();
      assertThat(raw(bob, "q", "sentinel", "owner", "me").total()).isZero();
      assertThat(raw(alice, "q", "sentinel", "owner", "me").total()).isEqualTo(1);
    }

    private CardSearchService.SearchResult raw(User user, String... pairs) {
      return fixture.search.search(SearchFixture.caller(user), SearchFixture.request(pairs));
    }

    @Test
    void shouldShowAPrivateCardOnlyToItsOwnerItsSharesAndAdmins() {
      for (User user : List.of(alice, friend, admin)) {
        assertThat(fixture.search(user, "q", "hidden").titles())
            .as(user.username())
            .containsExactly("Hidden gem");
        assertThat(fixture.search(user).total()).as(user.username()).isEqualTo(2);
      }
      assertThat(fixture.search(stranger, "q", "hidden").total()).isZero();
      assertThat(fixture.search(stranger, "tags", "secret-tag").total()).isZero();
      assertThat(fixture.search(stranger).titles()).containsExactly("Open model");
    }

    @Test
    void shouldNotCountAPrivateCardInAnotherUsersFacets() {
      SearchResultView seen = fixture.search(friend);
      SearchResultView unseen = fixture.search(stranger);

      assertSoftly(
          softly -> {
            softly.assertThat(seen.facet("tags")).containsKeys("secret-tag", "open-tag");
            softly.assertThat(unseen.facet("tags")).containsOnlyKeys("open-tag");
            softly.assertThat(unseen.facet("task")).containsOnlyKeys("tabular");
            softly.assertThat(unseen.facet("frameworks")).isEmpty();
            softly.assertThat(unseen.facet("owner")).containsOnlyKeys("bob");
          });
    }

    @Test
    void shouldNotSuggestAPrivateCardsTitleOrTagsToAnotherUser() {
      CardSearchService.Suggestions seen =
          fixture.search.suggest(SearchFixture.caller(friend), "hid", 8);
      CardSearchService.Suggestions unseen =
          fixture.search.suggest(SearchFixture.caller(stranger), "hid", 8);

      assertThat(seen.titles()).extracting(t -> t.getString("title")).containsExactly("Hidden gem");
      assertThat(unseen.titles()).isEmpty();
      assertThat(fixture.search.suggest(SearchFixture.caller(admin), "secr", 8).tags())
          .extracting(CardSearchService.FacetValue::value)
          .containsExactly("secret-tag");
      assertThat(fixture.search.suggest(SearchFixture.caller(stranger), "secr", 8).tags())
          .isEmpty();
    }

    @Test
    void shouldKeepThePrivateCardOffAnotherUsersDashboard() {
      CardSearchService.Dashboard strangers =
          fixture.search.dashboard(SearchFixture.caller(stranger), 10);
      CardSearchService.Dashboard owners =
          fixture.search.dashboard(SearchFixture.caller(alice), 10);

      assertThat(strangers.recent())
          .extracting(c -> c.getString("title"))
          .containsExactly("Open model");
      assertThat(strangers.tasks())
          .extracting(CardSearchService.FacetValue::value)
          .containsExactly("tabular");
      assertThat(strangers.mineTotal()).isZero();
      assertThat(owners.mine()).extracting(c -> c.getString("title")).containsExactly("Hidden gem");
      assertThat(owners.mineTotal()).isEqualTo(1);
      assertThat(owners.tasks())
          .extracting(CardSearchService.FacetValue::count)
          .containsExactly(1L, 1L);
    }

    @Test
    void shouldHideACardAsSoonAsItIsMadePrivate() {
      ModelCard card = fixture.create(card(bob).title("Soon private"));
      assertThat(fixture.search(stranger, "q", "soon").total()).isEqualTo(1);

      fixture.update(card, new TestCard(bob).title("Soon private").privateTo().build().content());

      assertThat(fixture.search(stranger, "q", "soon").total()).isZero();
      assertThat(fixture.search(bob, "q", "soon").total()).isEqualTo(1);
    }
  }

  @Nested
  class Paging {

    @Test
    void shouldPageWithTheCursorThroughEveryResultExactlyOnce() {
      Set<String> created = new HashSet<>();
      for (int i = 0; i < 45; i++) {
        created.add(
            fixture
                .create(
                    card(alice).title("Model " + (i % 7)).description("lidar " + "x ".repeat(i)))
                .id());
      }
      for (String sort : List.of("relevance", "title", "newest", "updated")) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
          SearchRequest request =
              cursor == null
                  ? SearchFixture.request("q", "lidar", "sort", sort, "size", "10")
                  : SearchFixture.request(
                      "q", "lidar", "sort", sort, "size", "10", "cursor", cursor);
          CardSearchService.SearchResult page =
              fixture.search.search(SearchFixture.caller(alice), request);
          assertThat(page.total()).isEqualTo(45);
          page.hits().forEach(h -> seen.add(h.summary().getString("id")));
          cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).as(sort).doesNotHaveDuplicates().hasSize(45);
        assertThat(new HashSet<>(seen)).isEqualTo(created);
      }
    }

    @Test
    void shouldEndTheCursorOnALastPageThatIsFull() {
      for (int i = 0; i < 20; i++) {
        fixture.create(card(alice).title("Card " + (char) ('a' + i)));
      }
      CardSearchService.SearchResult first =
          fixture.search.search(
              SearchFixture.caller(alice), SearchFixture.request("sort", "title", "size", "10"));
      CardSearchService.SearchResult second =
          fixture.search.search(
              SearchFixture.caller(alice),
              SearchFixture.request("sort", "title", "size", "10", "cursor", first.nextCursor()));
      CardSearchService.SearchResult byPage =
          fixture.search.search(
              SearchFixture.caller(alice),
              SearchFixture.request("sort", "title", "size", "10", "page", "1"));

      assertThat(first.nextCursor()).isNotNull();
      assertThat(second.hits()).hasSize(10);
      assertThat(second.nextCursor()).isNull();
      assertThat(byPage.hits()).hasSize(10);
      assertThat(byPage.nextCursor()).isNull();
    }

    @Test
    void shouldGiveTheSameOrderByPageAndByCursor() {
      for (int i = 0; i < 25; i++) {
        fixture.create(card(alice).title("Card " + (char) ('a' + i)));
      }
      List<String> byPage = new ArrayList<>();
      for (int page = 0; page < 3; page++) {
        byPage.addAll(
            fixture.search(alice, "sort", "title", "size", "10", "page", "" + page).titles());
      }

      assertThat(byPage).hasSize(25).isSorted();
      CardSearchService.SearchResult first =
          fixture.search.search(
              SearchFixture.caller(alice), SearchFixture.request("sort", "title", "size", "10"));
      CardSearchService.SearchResult second =
          fixture.search.search(
              SearchFixture.caller(alice),
              SearchFixture.request("sort", "title", "size", "10", "cursor", first.nextCursor()));
      assertThat(second.page()).isNull();
      assertThat(second.hits())
          .extracting(h -> h.summary().getString("title"))
          .isEqualTo(byPage.subList(10, 20));
    }

    @Test
    void shouldRefuseACursorOfAnotherQuery() {
      for (int i = 0; i < 3; i++) {
        fixture.create(card(alice).title("Card " + i));
      }
      String cursor =
          fixture
              .search
              .search(SearchFixture.caller(alice), SearchFixture.request("size", "1"))
              .nextCursor();

      assertThatThrownBy(
              () ->
                  fixture.search.search(
                      SearchFixture.caller(alice),
                      SearchFixture.request("size", "1", "sort", "title", "cursor", cursor)))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e ->
                  assertThat(e.errors()).extracting(er -> er.pointer()).containsExactly("/cursor"));
      assertThatThrownBy(
              () ->
                  fixture.search.search(
                      SearchFixture.caller(alice),
                      SearchFixture.request("cursor", "not-a-cursor!")))
          .isInstanceOf(ProblemException.class);
    }
  }

  @Nested
  class Suggestions {

    @Test
    void shouldSuggestTitlesByWordPrefixAndTagsByUse() {
      fixture.create(card(alice).title("Image classifier").tags("imagenet", "images"));
      fixture.create(card(alice).title("Medical imaging").tags("imagenet"));
      fixture.create(card(alice).title("Speech model").tags("audio"));

      CardSearchService.Suggestions suggestions =
          fixture.search.suggest(SearchFixture.caller(bob), "ima", 8);

      assertThat(suggestions.titles())
          .extracting(t -> t.getString("title"))
          .containsExactly("Image classifier", "Medical imaging");
      assertThat(suggestions.tags())
          .extracting(CardSearchService.FacetValue::value, CardSearchService.FacetValue::count)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("imagenet", 2L),
              org.assertj.core.groups.Tuple.tuple("images", 1L));
      assertThat(suggestions.titles().get(0).getJsonObject("owner").getString("username"))
          .isEqualTo("alice");
    }

    @Test
    void shouldSuggestNothingForNothingTyped() {
      fixture.create(card(alice).title("Anything"));

      assertThat(fixture.search.suggest(SearchFixture.caller(bob), "  ", 8).titles()).isEmpty();
      assertThat(fixture.search.suggest(SearchFixture.caller(bob), "(.*", 8).titles()).isEmpty();
    }
  }

  /** Random cards and random queries, checked against counting the cards in Java. */
  static final class BruteForce {
    private static final List<String> TASKS =
        List.of("Computer Vision", "Audio", "Tabular", "Natural Language Processing");
    private static final List<String> WORDS =
        List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");
    private static final List<String> FRAMEWORKS =
        List.of("PyTorch", "JAX", "ONNX", "Keras", "MLX");

    private final SearchFixture fixture;
    private final java.util.Random random;
    private final List<User> users = new ArrayList<>();
    private final List<ModelCard> cards = new ArrayList<>();

    BruteForce(SearchFixture fixture, long seed) {
      this.fixture = fixture;
      this.random = new java.util.Random(seed);
    }

    void createCards(int count) {
      for (int i = 0; i < 6; i++) {
        users.add(fixture.user("owner" + i));
      }
      users.add(fixture.admin("boss"));
      for (int i = 0; i < count; i++) {
        User owner = users.get(random.nextInt(6));
        TestCard card =
            new TestCard(owner)
                .title("Model " + i)
                .task(pick(TASKS))
                .tags(some(tagVocabulary(), 0, 4).toArray(String[]::new))
                .frameworks(some(FRAMEWORKS, 0, 2).toArray(String[]::new))
                .description(String.join(" ", some(WORDS, 1, 3)))
                .updated(
                    Instant.parse("2026-01-01T00:00:00Z")
                        .plusSeconds(random.nextInt(300) * 86_400L));
        switch (random.nextInt(3)) {
          case 0 -> card.demoApp();
          case 1 -> card.demoVideo();
          default -> {}
        }
        if (random.nextInt(4) == 0) {
          card.privateTo(some(users.subList(0, 6), 0, 2).toArray(User[]::new));
        }
        cards.add(fixture.createSilently(card));
      }
      try {
        fixture.indexer.rebuild();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private static List<String> tagVocabulary() {
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        tags.add("tag" + (char) ('a' + i));
      }
      return tags;
    }

    void checkRandomQuery() {
      User user = users.get(random.nextInt(users.size()));
      List<String> pairs = new ArrayList<>();
      String word = random.nextInt(3) == 0 ? pick(WORDS) : null;
      List<String> tasks = random.nextBoolean() ? some(TASKS, 1, 2) : List.of();
      List<String> tags = random.nextInt(3) == 0 ? some(tagVocabulary(), 1, 2) : List.of();
      List<String> frameworks = random.nextInt(3) == 0 ? some(FRAMEWORKS, 1, 2) : List.of();
      User owner = random.nextInt(4) == 0 ? users.get(random.nextInt(6)) : null;
      Boolean demo = random.nextInt(4) == 0 ? random.nextBoolean() : null;
      Boolean video = random.nextInt(4) == 0 ? random.nextBoolean() : null;
      Instant after =
          random.nextInt(4) == 0
              ? Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(300) * 86_400L)
              : null;
      if (word != null) {
        pairs.addAll(List.of("q", word));
      }
      tasks.forEach(t -> pairs.addAll(List.of("task", t.toUpperCase())));
      tags.forEach(t -> pairs.addAll(List.of("tags", t)));
      frameworks.forEach(f -> pairs.addAll(List.of("frameworks", f.toLowerCase())));
      if (owner != null) {
        pairs.addAll(List.of("owner", owner.username()));
      }
      if (demo != null) {
        pairs.addAll(List.of("hasDemoApp", demo.toString()));
      }
      if (video != null) {
        pairs.addAll(List.of("hasVideo", video.toString()));
      }
      if (after != null) {
        pairs.addAll(List.of("updatedAfter", after.toString()));
      }
      pairs.addAll(List.of("size", "100"));

      SearchResultView result = fixture.search(user, pairs.toArray(String[]::new));

      Query q = new Query(user, word, tasks, tags, frameworks, owner, demo, video, after);
      String described = user.username() + " " + pairs;
      List<ModelCard> matching = cards.stream().filter(c -> q.matches(c, null)).toList();
      assertThat(result.total()).as(described).isEqualTo(matching.size());
      Set<String> expected =
          matching.stream().map(ModelCard::id).collect(java.util.stream.Collectors.toSet());
      if (matching.size() <= 100) {
        assertThat(new HashSet<>(result.ids())).as(described).isEqualTo(expected);
      } else {
        assertThat(expected).as(described).containsAll(result.ids());
      }
      assertThat(result.facet("task"))
          .as("task " + described)
          .isEqualTo(q.counts("task", cards, c -> List.of(c.content().task())));
      assertThat(result.facet("frameworks"))
          .as("frameworks " + described)
          .isEqualTo(q.counts("frameworks", cards, c -> c.content().frameworks()));
      assertThat(result.facet("owner"))
          .as("owner " + described)
          .isEqualTo(q.counts("owner", cards, c -> List.of(username(c.ownerId()))));
      assertThat(result.facet("tags"))
          .as("tags " + described)
          .isEqualTo(q.counts("tags", cards, c -> c.content().tags()));
    }

    private String username(String userId) {
      return users.stream().filter(u -> u.id().equals(userId)).findFirst().orElseThrow().username();
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private <T> List<T> some(List<T> values, int min, int max) {
      int count = min + random.nextInt(max - min + 1);
      Set<T> chosen = new LinkedHashSet<>();
      while (chosen.size() < count) {
        chosen.add(pick(values));
      }
      return List.copyOf(chosen);
    }

    private record Query(
        User user,
        String word,
        List<String> tasks,
        List<String> tags,
        List<String> frameworks,
        User owner,
        Boolean demo,
        Boolean video,
        Instant after) {

      /**
       * Whether the card is a result; {@code ignoring} names an OR facet whose filter is left out.
       */
      boolean matches(ModelCard card, String ignoring) {
        var content = card.content();
        boolean visible =
            user.isAdmin()
                || content.visibility() == org.aiappstore.app.model.CardContent.Visibility.PUBLIC
                || card.ownerId().equals(user.id())
                || content.sharedWith().contains(user.id());
        return visible
            && (word == null || List.of(content.description().split(" ")).contains(word))
            && ("task".equals(ignoring) || tasks.isEmpty() || tasks.contains(content.task()))
            && content.tags().containsAll(tags)
            && ("frameworks".equals(ignoring)
                || frameworks.isEmpty()
                || frameworks.stream().anyMatch(content.frameworks()::contains))
            && ("owner".equals(ignoring) || owner == null || owner.id().equals(card.ownerId()))
            && (demo == null
                || demo
                    == (content.demo().type() == org.aiappstore.app.model.CardContent.DemoType.APP))
            && (video == null
                || video
                    == (content.demo().type()
                        == org.aiappstore.app.model.CardContent.DemoType.VIDEO))
            && (after == null || !card.updatedAt().isBefore(after));
      }

      Map<String, Long> counts(
          String facet,
          List<ModelCard> cards,
          java.util.function.Function<ModelCard, List<String>> values) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (ModelCard card : cards) {
          if (matches(card, facet)) {
            for (String value : values.apply(card)) {
              counts.merge(CardAnalyzers.key(value), 1L, Long::sum);
            }
          }
        }
        return counts;
      }
    }
  }
}
