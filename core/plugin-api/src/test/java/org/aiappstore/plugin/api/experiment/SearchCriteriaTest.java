package org.aiappstore.plugin.api.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCriteriaTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, SearchCriteria.MAX_PAGE_SIZE + 1})
  void shouldRejectAPageSizeOutOfRange(int pageSize) {
    assertThatThrownBy(() -> SearchCriteria.firstPage(pageSize))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
  }

  @Test
  void shouldTreatBlankCriteriaAsAbsent() {
    SearchCriteria criteria = new SearchCriteria(" ", "", null, 10, " ");

    assertThat(criteria).isEqualTo(SearchCriteria.firstPage(10));
  }

  @Test
  void shouldRestartFromTheFirstPageWhenACriterionChanges() {
    SearchCriteria second =
        SearchCriteria.firstPage(5).inProject("p1").next(new ResultPage<>(List.of(), "2"));

    assertThat(second.cursor()).isEqualTo("2");
    assertThat(second.withText("resnet").cursor()).isNull();
    assertThat(second.withTags(List.of("a")).cursor()).isNull();
    assertThat(second.withText("resnet").project()).isEqualTo("p1");
  }

  @Test
  void shouldContinueWithTheCursorOfAPage() {
    ResultPage<String> page = new ResultPage<>(List.of("a", "b"), "token-2");

    SearchCriteria next = SearchCriteria.firstPage(2).withTags(List.of("prod")).next(page);

    assertThat(next).isEqualTo(new SearchCriteria(null, null, List.of("prod"), 2, "token-2"));
  }

  @Test
  void shouldRefuseToGoPastTheLastPage() {
    ResultPage<String> last = ResultPage.last(List.of("a"));

    assertThat(last.hasNext()).isFalse();
    assertThat(last.nextCursor()).isEmpty();
    assertThatThrownBy(() -> SearchCriteria.firstPage().next(last))
        .isInstanceOf(IllegalStateException.class);
  }
}
