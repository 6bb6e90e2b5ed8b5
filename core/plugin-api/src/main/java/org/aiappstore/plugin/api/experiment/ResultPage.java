package org.aiappstore.plugin.api.experiment;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results.
 *
 * @param items the results, at most the requested page size
 * @param next the cursor of the next page, or {@code null} if this is the last page
 * @param <T> the result type
 */
public record ResultPage<T>(List<T> items, String next) {

  /**
   * Validates the page.
   *
   * @param items the results
   * @param next the cursor of the next page, or {@code null} if this is the last page
   */
  public ResultPage {
    items = items == null ? List.of() : List.copyOf(items);
    next = next == null || next.isBlank() ? null : next;
  }

  /**
   * A last page.
   *
   * @param items the results
   * @param <T> the result type
   * @return the page
   */
  public static <T> ResultPage<T> last(List<T> items) {
    return new ResultPage<>(items, null);
  }

  /**
   * The cursor to pass as {@link SearchCriteria#cursor()} for the next page.
   *
   * @return the cursor, or empty if this is the last page
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(next);
  }

  /**
   * Whether another page follows; it may turn out empty.
   *
   * @return {@code true} if {@link #nextCursor()} is present
   */
  public boolean hasNext() {
    return next != null;
  }
}
