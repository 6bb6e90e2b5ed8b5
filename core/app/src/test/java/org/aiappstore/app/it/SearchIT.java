package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.aiappstore.app.it.AuthIT.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Search over HTTP: ranked text search, filters and facet counts, paging, suggestions, the
 * dashboard, private cards for everyone who may or may not see them, bad parameters and the admin's
 * rebuild. Cards of other tests share the server, so every test marks its cards with a tag of its
 * own and filters by it.
 */
class SearchIT {

  static final String SEARCH = "/api/v1/search/models";

  private static Session owner;
  private static Session friend;
  private static Session other;
  private static String ownerName;

  @BeforeAll
  static void signIn() {
    AuthIT.TestUser ownerUser = AuthIT.createUser("searcher", "user");
    owner = AuthIT.loginAs(ownerUser);
    ownerName = ownerUser.username();
    friend = AuthIT.newSession("user");
    other = AuthIT.newSession("user");
  }

  /** A unique lower-case word: a tag or title word no other card has. */
  private static String word(String prefix) {
    return AuthIT.unique(prefix).toLowerCase(Locale.ROOT).replace("-", "");
  }

  private static Map<String, Object> card(String title, String runTag, String... tags) {
    Map<String, Object> card = new HashMap<>();
    card.put("title", title);
    card.put("task", "Computer Vision");
    List<String> allTags = new ArrayList<>(List.of(tags));
    allTags.add(runTag);
    card.put("tags", allTags);
    card.put("frameworks", List.of("PyTorch"));
    card.put("description", "A model for the search tests.");
    return card;
  }

  private static String create(Session session, Map<String, Object> card) {
    return CardsIT.created(session, card);
  }

  private static RequestSpecification as(Session session) {
    return AuthIT.as(session.accessToken());
  }

  /** A search with a query string that needs no encoding (REST-assured encodes it again). */
  private static Response search(Session session, String query) {
    return as(session).get(SEARCH + "?" + query);
  }

  @Test
  void shouldFindACardByItsTitleRightAfterItWasCreatedWithHighlightsAndScore() {
    String run = word("run");
    String kingfisher = word("kingfisher");
    create(owner, card("The " + kingfisher + " detector", run));

    Response found = search(other, "q=" + kingfisher);

    found
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("Cache-Control", "private, no-store");
    assertSoftly(
        softly -> {
          softly.assertThat(found.<Integer>path("total")).isEqualTo(1);
          softly
              .assertThat(found.<String>path("items[0].title"))
              .isEqualTo("The " + kingfisher + " detector");
          softly.assertThat(found.<String>path("items[0].owner.username")).isEqualTo(ownerName);
          softly
              .assertThat(found.<String>path("items[0].snippets.title"))
              .isEqualTo("The <mark>" + kingfisher + "</mark> detector");
          softly.assertThat(found.<Float>path("items[0].score")).isPositive();
          softly.assertThat(found.<List<String>>path("items[0].tags")).contains(run);
          softly.assertThat(found.<String>path("items[0].visibility")).isEqualTo("public");
          softly.assertThat(found.<Integer>path("page")).isZero();
          softly.assertThat(found.<Object>path("nextCursor")).isNull();
        });
  }

  @Test
  void shouldRankAnExactTitleMatchAboveABodyOnlyMatch() {
    String run = word("run");
    String name = word("sentinel");
    Map<String, Object> bodyOnly = card("Weather notes", run);
    bodyOnly.put("body", "<p>" + ("The " + name + " crop classifier works. ").repeat(20) + "</p>");
    create(owner, bodyOnly);
    create(owner, card(name + " crop classifier", run));

    as(other)
        .queryParam("q", name + " crop classifier")
        .queryParam("tags", run)
        .get(SEARCH)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.title", equalTo(List.of(name + " crop classifier", "Weather notes")));
  }

  @Test
  void shouldUpdateAndRemoveACardInSearchAsItChanges() {
    String run = word("run");
    String path = create(owner, card("Before " + run, run));

    CardsIT.patch(owner, "\"1\"", Map.of("title", "After " + run))
        .patch(CardsIT.MODELS + "/" + path)
        .then()
        .statusCode(200);
    search(other, "tags=" + run).then().body("items.title", equalTo(List.of("After " + run)));

    as(owner).delete(CardsIT.MODELS + "/" + path).then().statusCode(204);
    search(other, "tags=" + run).then().body("total", equalTo(0));
  }

  @Nested
  class FiltersAndFacets {

    @Test
    @SuppressWarnings("unchecked")
    void shouldCountResultsAndFacetsLikeCountingTheCardsThemselves() {
      String run = word("run");
      // (task, frameworks, extra tags) of each card
      List<Object[]> specs =
          List.of(
              new Object[] {"Audio", List.of("PyTorch"), List.of("red", "blue")},
              new Object[] {"Audio", List.of("JAX"), List.of("red")},
              new Object[] {"Computer Vision", List.of("PyTorch", "ONNX"), List.of("red", "blue")},
              new Object[] {"Computer Vision", List.of("JAX"), List.of("blue")},
              new Object[] {"Tabular", List.of("ONNX"), List.of("red", "blue", "green")},
              new Object[] {"Tabular", List.of(), List.of()});
      for (int i = 0; i < specs.size(); i++) {
        Object[] spec = specs.get(i);
        Map<String, Object> card = card("Facet card " + i + " " + run, run);
        card.put("task", spec[0]);
        card.put("frameworks", spec[1]);
        List<String> tags = new ArrayList<>((List<String>) spec[2]);
        tags.add(run);
        card.put("tags", tags);
        create(i % 2 == 0 ? owner : friend, card);
      }

      Response response =
          as(other)
              .queryParam("tags", run, "RED")
              .queryParam("task", "audio", "Computer Vision")
              .queryParam("frameworks", "pytorch", "jax")
              .get(SEARCH);

      // Brute force over the specs: tags AND, task OR, frameworks OR.
      Map<String, Integer> task = new TreeMap<>();
      Map<String, Integer> frameworks = new TreeMap<>();
      Map<String, Integer> tags = new TreeMap<>();
      int total = 0;
      for (Object[] spec : specs) {
        boolean tagOk = ((List<?>) spec[2]).contains("red");
        boolean taskOk = List.of("Audio", "Computer Vision").contains(spec[0]);
        boolean fwOk =
            ((List<?>) spec[1]).stream().anyMatch(f -> f.equals("PyTorch") || f.equals("JAX"));
        if (tagOk && fwOk) {
          task.merge(((String) spec[0]).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        if (tagOk && taskOk) {
          for (Object f : (List<?>) spec[1]) {
            frameworks.merge(((String) f).toLowerCase(Locale.ROOT), 1, Integer::sum);
          }
        }
        if (tagOk && taskOk && fwOk) {
          total++;
          for (Object t : (List<?>) spec[2]) {
            tags.merge((String) t, 1, Integer::sum);
          }
          tags.merge(run, 1, Integer::sum);
        }
      }
      int expectedTotal = total;
      assertSoftly(
          softly -> {
            softly.assertThat(response.<Integer>path("total")).isEqualTo(expectedTotal);
            softly.assertThat(counts(response, "task")).isEqualTo(task);
            softly.assertThat(counts(response, "frameworks")).isEqualTo(frameworks);
            softly.assertThat(counts(response, "tags")).isEqualTo(tags);
            softly
                .assertThat(response.<List<String>>path("facets.frameworks.label"))
                .contains("PyTorch");
          });
    }

    private Map<String, Integer> counts(Response response, String facet) {
      Map<String, Integer> counts = new TreeMap<>();
      List<Map<String, Object>> values = response.path("facets." + facet);
      values.forEach(v -> counts.put((String) v.get("value"), (Integer) v.get("count")));
      return counts;
    }

    @Test
    void shouldCountOwnersByUsernameWithTheirDisplayName() {
      String run = word("run");
      create(owner, card("Owned " + run, run));
      create(owner, card("Owned too " + run, run));

      search(other, "tags=" + run + "&owner=" + ownerName)
          .then()
          .body("total", equalTo(2))
          .body("facets.owner[0].value", equalTo(ownerName))
          .body("facets.owner[0].label", equalTo("Test " + ownerName))
          .body("facets.owner[0].count", equalTo(2));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"C++|1", "c#|0", "(.*)|0", "[|0", ".*|0", "title:*|0", "\"|0"})
    void shouldSearchRegexAndQuerySyntaxCharactersLiterally(String text, int expected) {
      String run = word("run");
      create(owner, card("Fast C++ runtime " + run, run));
      create(owner, card("Plain C baseline " + run, run));

      as(other)
          .queryParam("q", text)
          .queryParam("tags", run)
          .get(SEARCH)
          .then()
          .statusCode(200)
          .body("total", equalTo(expected));
    }

    @Test
    void shouldPageThroughEveryResultWithTheCursor() {
      String run = word("run");
      for (int i = 0; i < 5; i++) {
        create(owner, card("Paged " + i + " " + run, run));
      }
      List<String> titles = new ArrayList<>();
      String cursor = null;
      do {
        RequestSpecification request =
            as(other).queryParam("tags", run).queryParam("sort", "title").queryParam("size", 2);
        if (cursor != null) {
          request.queryParam("cursor", cursor);
        }
        Response page = request.get(SEARCH);
        page.then().statusCode(200).body("total", equalTo(5));
        titles.addAll(page.path("items.title"));
        cursor = page.path("nextCursor");
      } while (cursor != null);

      assertThat(titles).hasSize(5).doesNotHaveDuplicates().isSorted();
    }
  }

  @Nested
  class PrivateCards {

    private String run;
    private String secret;

    private void createPrivateCard() {
      run = word("run");
      secret = word("secret");
      Map<String, Object> hidden = card("Hidden " + secret, run, secret + "tag");
      hidden.put("visibility", "private");
      hidden.put("sharedWith", List.of(friend.userId()));
      hidden.put("task", "Audio");
      create(owner, hidden);
      create(owner, card("Open " + run, run));
    }

    @Test
    void shouldShowAPrivateCardInResultsCountsAndSuggestionsOnlyToThoseWhoMaySeeIt() {
      createPrivateCard();
      String admin = AuthIT.adminToken();
      for (String token : List.of(owner.accessToken(), friend.accessToken(), admin)) {
        AuthIT.as(token)
            .get(SEARCH + "?q=" + secret)
            .then()
            .body("total", equalTo(1))
            .body("items[0].visibility", equalTo("private"));
        AuthIT.as(token)
            .get(SEARCH + "?tags=" + run)
            .then()
            .body("total", equalTo(2))
            .body("facets.tags.value", hasItem(secret + "tag"))
            .body("facets.task.value", hasItem("audio"));
        AuthIT.as(token)
            .get("/api/v1/search/suggest?q=" + secret.substring(0, 8))
            .then()
            .statusCode(200)
            .body("titles.title", hasItem("Hidden " + secret))
            .body("tags.value", hasItem(secret + "tag"));
      }

      Response hidden = search(other, "tags=" + run);
      assertSoftly(
          softly -> {
            softly.assertThat(search(other, "q=" + secret).<Integer>path("total")).isZero();
            softly.assertThat(hidden.<Integer>path("total")).isEqualTo(1);
            softly
                .assertThat(hidden.<List<String>>path("facets.tags.value"))
                .doesNotContain(secret + "tag");
            softly
                .assertThat(hidden.<List<String>>path("facets.task.value"))
                .doesNotContain("audio");
            Response suggested =
                as(other).get("/api/v1/search/suggest?q=" + secret.substring(0, 8));
            softly.assertThat(suggested.<List<?>>path("titles")).isEmpty();
            softly.assertThat(suggested.<List<?>>path("tags")).isEmpty();
          });
    }

    @Test
    void shouldKeepAPrivateCardOffOtherUsersDashboards() {
      createPrivateCard();

      as(owner)
          .get("/api/v1/search/dashboard?size=50")
          .then()
          .statusCode(200)
          .body("mine.items.title", hasItem("Hidden " + secret))
          .body("mine.total", greaterThanOrEqualTo(2))
          .body("recent.items.title", hasItem("Hidden " + secret));
      as(other)
          .get("/api/v1/search/dashboard?size=50")
          .then()
          .statusCode(200)
          .body("recent.items.title", org.hamcrest.Matchers.not(hasItem("Hidden " + secret)))
          .body("mine.total", equalTo(0));
    }
  }

  @Nested
  class BadParameters {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "sort=random|/sort",
          "size=101|/size",
          "size=0|/size",
          "page=-1|/page",
          "page=200&size=100|/page",
          "hasVideo=maybe|/hasVideo",
          "updatedAfter=yesterday|/updatedAfter",
          "cursor=%21%21|/cursor",
          "colour=blue|/colour",
          "q=a&q=b|/q"
        })
    void shouldAnswer400ProblemNamingTheParameter(String query, String pointer) {
      search(other, query)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("INVALID_QUERY"))
          .body("errors.pointer", hasItem(pointer));
    }

    @Test
    void shouldAnswer400ToTooLongText() {
      as(other)
          .queryParam("q", "x".repeat(201))
          .get(SEARCH)
          .then()
          .statusCode(400)
          .body("errors.pointer", hasItem("/q"));
      as(other)
          .queryParam("q", "x".repeat(101))
          .get("/api/v1/search/suggest")
          .then()
          .statusCode(400)
          .body("errors.pointer", hasItem("/q"));
      as(other)
          .get("/api/v1/search/dashboard?size=51")
          .then()
          .statusCode(400)
          .body("errors.pointer", hasItem("/size"));
    }
  }

  @Test
  void shouldLetAnAdminRebuildTheIndexWithoutLosingCards() {
    String run = word("run");
    create(owner, card("Survivor " + run, run));

    Response rebuilt = AuthIT.asAdmin().post("/api/v1/admin/search/rebuild");

    rebuilt.then().statusCode(200).body("cards", greaterThanOrEqualTo(1));
    search(other, "tags=" + run).then().body("items.title", equalTo(List.of("Survivor " + run)));
    AuthIT.asAdmin()
        .get("/api/v1/admin/search")
        .then()
        .statusCode(200)
        .body("ready", equalTo(true))
        .body("cards", greaterThanOrEqualTo(1));
  }
}
