package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.search.CardSearchService.FacetCounts;
import org.aiappstore.app.search.CardSearchService.FacetValue;
import org.aiappstore.app.search.CardSearchService.Hit;
import org.aiappstore.app.search.CardSearchService.SearchResult;
import org.junit.jupiter.api.Test;

class SearchJsonTest {

  private static final String TRICKY =
      "quote \" backslash \\ tab \t line\n nul \u0000 bell \u0007 ✓";

  @Test
  void shouldWriteTheAnswerAsJsonWithEveryStringIntact() {
    Map<String, String> snippets = new LinkedHashMap<>();
    snippets.put("title", "<mark>C++</mark> " + TRICKY);
    Hit hit =
        new Hit(
            Json.createObjectBuilder()
                .add("id", "c1")
                .add("title", TRICKY)
                .add("owner", Json.createObjectBuilder().add("username", "ada"))
                .build()
                .toString(),
            12.5f,
            snippets);
    Hit unscored = new Hit("{\"id\":\"c2\"}", null, Map.of());
    FacetCounts facets =
        new FacetCounts(
            List.of(new FacetValue("nlp", "NLP \"text\"", 3)),
            List.of(),
            List.of(new FacetValue("ada", "Ada", 1)),
            List.of(new FacetValue("c++", "C++", 2)));

    JsonObject json =
        parse(SearchJson.of(new SearchResult(List.of(hit, unscored), 42, 1, 20, "abc", facets)));

    JsonObject first = json.getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo("c1");
    assertThat(first.getString("title")).isEqualTo(TRICKY);
    assertThat(first.getJsonObject("owner").getString("username")).isEqualTo("ada");
    assertThat(first.getJsonObject("snippets").getString("title"))
        .isEqualTo("<mark>C++</mark> " + TRICKY);
    assertThat(first.getJsonNumber("score").doubleValue()).isEqualTo(12.5);
    JsonObject second = json.getJsonArray("items").getJsonObject(1);
    assertThat(second.isNull("score")).isTrue();
    assertThat(second.getJsonObject("snippets")).isEmpty();
    assertThat(json.getJsonNumber("total").longValue()).isEqualTo(42);
    assertThat(json.getInt("page")).isEqualTo(1);
    assertThat(json.getInt("size")).isEqualTo(20);
    assertThat(json.getString("nextCursor")).isEqualTo("abc");
    JsonObject task = json.getJsonObject("facets").getJsonArray("task").getJsonObject(0);
    assertThat(task.getString("label")).isEqualTo("NLP \"text\"");
    assertThat(task.getInt("count")).isEqualTo(3);
    assertThat(json.getJsonObject("facets").getJsonArray("frameworks")).isEmpty();
    assertThat(
            json.getJsonObject("facets").getJsonArray("tags").getJsonObject(0).getString("value"))
        .isEqualTo("c++");
  }

  @Test
  void shouldWriteNullsForAPageAskedByCursorAndTheLastPage() {
    JsonObject json =
        parse(SearchJson.of(new SearchResult(List.of(), 0, null, 20, null, FacetCounts.NONE)));

    assertThat(json.isNull("page")).isTrue();
    assertThat(json.isNull("nextCursor")).isTrue();
    assertThat(json.getJsonArray("items")).isEmpty();
  }

  private static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
