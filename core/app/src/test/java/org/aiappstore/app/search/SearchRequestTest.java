package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.search.SearchRequest.SortOrder;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

  private static Map<String, List<String>> parameters(String... pairs) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parameters.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return parameters;
  }

  private static List<String> pointersOf(String... pairs) {
    try {
      SearchRequest.parse(parameters(pairs));
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.code()).isEqualTo("INVALID_QUERY");
      return e.errors().stream().map(Problem.FieldError::pointer).toList();
    }
    throw new AssertionError("accepted " + List.of(pairs));
  }

  @Test
  void shouldDefaultToTheFirstPageOfEverythingByRelevance() {
    SearchRequest request = SearchRequest.parse(Map.of());

    assertThat(request.text()).isEmpty();
    assertThat(request.sort()).isEqualTo(SortOrder.RELEVANCE);
    assertThat(request.page()).isZero();
    assertThat(request.size()).isEqualTo(20);
    assertThat(request.cursor()).isNull();
  }

  @Test
  void shouldReadRepeatedFiltersDatesAndFlags() {
    SearchRequest request =
        SearchRequest.parse(
            parameters(
                "task", "Audio",
                "task", " Computer Vision ",
                "tags", "x",
                "frameworks", "JAX",
                "owner", "me",
                "hasDemoApp", "TRUE",
                "hasVideo", "false",
                "updatedAfter", "2026-11-01",
                "updatedBefore", "2026-11-28T10:00:00+01:00",
                "sort", "title",
                "size", "100"));

    assertThat(request.tasks()).containsExactly("Audio", "Computer Vision");
    assertThat(request.hasDemoApp()).isTrue();
    assertThat(request.hasVideo()).isFalse();
    assertThat(request.updatedAfter()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(request.updatedBefore()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(request.sort()).isEqualTo(SortOrder.TITLE);
  }

  @Test
  void shouldNameEveryInvalidParameterAtOnce() {
    assertThat(
            pointersOf(
                "q", "x".repeat(201),
                "sort", "random",
                "size", "101",
                "hasVideo", "yes",
                "updatedAfter", "last week",
                "tags", "",
                "tags", "t".repeat(41),
                "colour", "blue"))
        .containsExactlyInAnyOrder(
            "/q", "/sort", "/size", "/hasVideo", "/updatedAfter", "/tags/0", "/tags/1", "/colour");
  }

  @Test
  void shouldRefuseSingleParametersGivenTwice() {
    assertThat(pointersOf("q", "a", "q", "b")).containsExactly("/q");
  }

  @Test
  void shouldRefuseAnEmptyTimeRange() {
    assertThat(pointersOf("updatedAfter", "2026-11-02", "updatedBefore", "2026-11-01"))
        .containsExactly("/updatedBefore");
  }

  @Test
  void shouldRefuseFacetValuesOfControlCharactersOnly() {
    // Their facet key would be empty, which Lucene's facet paths refuse with an exception.
    assertThat(
            pointersOf(
                "tags",
                "\u0001",
                "task",
                "\u0007",
                "frameworks",
                "a\u007f",
                "frameworks",
                "\u007f"))
        .containsExactlyInAnyOrder("/tags/0", "/task/0", "/frameworks/1");
  }

  @Test
  void shouldRefuseDatesBeyondTheYears0001To9999() {
    // Beyond them an instant overflows the epoch milliseconds the index compares.
    assertThat(
            pointersOf(
                "updatedAfter", "-999999999-01-01T00:00:00Z",
                "updatedBefore", "+999999999-01-01T00:00:00Z"))
        .containsExactlyInAnyOrder("/updatedAfter", "/updatedBefore");
    assertThat(SearchRequest.parse(parameters("updatedBefore", "9999-12-31")).updatedBefore())
        .isEqualTo(Instant.parse("9999-12-31T00:00:00Z"));
  }

  @Test
  void shouldSendDeepPagesToTheCursor() {
    assertThat(pointersOf("page", "100", "size", "100")).containsExactly("/page");
    assertThat(pointersOf("page", "1", "cursor", "abc")).containsExactly("/cursor");
    assertThat(SearchRequest.parse(parameters("page", "99", "size", "100")).page()).isEqualTo(99);
  }

  @Test
  void shouldRefuseTooManyValuesOfAFilter() {
    String[] pairs = new String[42];
    for (int i = 0; i < 42; i += 2) {
      pairs[i] = "frameworks";
      pairs[i + 1] = "f" + i;
    }
    assertThat(pointersOf(pairs)).containsExactly("/frameworks");
  }

  @Test
  void shouldBindTheCursorToTheQueryButNotToThePage() {
    SearchRequest first = SearchRequest.parse(parameters("q", "a", "size", "10"));
    SearchRequest next = SearchRequest.parse(parameters("q", "a", "size", "10", "cursor", "c"));
    SearchRequest other = SearchRequest.parse(parameters("q", "b", "size", "10"));

    assertThat(next.queryKey()).isEqualTo(first.queryKey()).isNotEqualTo(other.queryKey());
  }

  @Test
  void shouldRefuseAMalformedNumber() {
    assertThatThrownBy(() -> SearchRequest.parse(parameters("page", "-1")))
        .isInstanceOf(ProblemException.class);
  }
}
