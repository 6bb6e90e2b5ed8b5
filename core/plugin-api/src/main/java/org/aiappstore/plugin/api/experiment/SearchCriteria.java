package org.aiappstore.plugin.api.experiment;

import java.util.List;
import java.util.Objects;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * What to search for, and which page. Criteria combine with AND; {@code null} or empty criteria
 * match everything (within the connector's configured scope).
 *
 * <p>Paging is by an opaque cursor: start without one, then pass {@link ResultPage#nextCursor()}
 * back (see {@link #next(ResultPage)}). Connectors map it to their tracker's paging (ClearML page
 * numbers, MLflow page tokens).
 *
 * @param project a project id (ClearML project id, MLflow experiment id), or {@code null}
 * @param text a plain substring of the name to look for, case-insensitive, or {@code null}
 * @param tags tags that must all be present
 * @param pageSize how many results per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param cursor where to continue, from a previous {@link ResultPage}, or {@code null} for the
 *     first page
 */
public record SearchCriteria(
    String project, String text, List<String> tags, int pageSize, String cursor) {

  /** The page size of {@link #firstPage()}. */
  public static final int DEFAULT_PAGE_SIZE = 25;

  /** The largest page size. */
  public static final int MAX_PAGE_SIZE = 500;

  /**
   * Validates the criteria.
   *
   * @param project a project id, or {@code null}
   * @param text a substring of the name, or {@code null}
   * @param tags tags that must all be present; {@code null} for none
   * @param pageSize how many results per page, 1 to {@value #MAX_PAGE_SIZE}
   * @param cursor where to continue, or {@code null} for the first page
   * @throws PlatformException INVALID_ARGUMENT if the page size is out of range
   */
  public SearchCriteria {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw PlatformException.invalidArgument(
          "Page size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
    }
    project = project == null || project.isBlank() ? null : project.strip();
    text = text == null || text.isBlank() ? null : text.strip();
    tags = tags == null ? List.of() : List.copyOf(tags);
    cursor = cursor == null || cursor.isBlank() ? null : cursor;
  }

  /**
   * The first page of everything, {@value #DEFAULT_PAGE_SIZE} results per page.
   *
   * @return the criteria
   */
  public static SearchCriteria firstPage() {
    return firstPage(DEFAULT_PAGE_SIZE);
  }

  /**
   * The first page of everything.
   *
   * @param pageSize how many results per page
   * @return the criteria
   */
  public static SearchCriteria firstPage(int pageSize) {
    return new SearchCriteria(null, null, List.of(), pageSize, null);
  }

  /**
   * The same criteria within a project, from the first page.
   *
   * @param project a project id
   * @return new criteria
   */
  public SearchCriteria inProject(String project) {
    return new SearchCriteria(project, text, tags, pageSize, null);
  }

  /**
   * The same criteria with a name substring, from the first page.
   *
   * @param text a substring of the name
   * @return new criteria
   */
  public SearchCriteria withText(String text) {
    return new SearchCriteria(project, text, tags, pageSize, null);
  }

  /**
   * The same criteria with required tags, from the first page.
   *
   * @param tags tags that must all be present
   * @return new criteria
   */
  public SearchCriteria withTags(List<String> tags) {
    return new SearchCriteria(project, text, tags, pageSize, null);
  }

  /**
   * The same criteria at the page after a result.
   *
   * @param page a page returned for these criteria
   * @return new criteria
   * @throws IllegalStateException if the page is the last one
   */
  public SearchCriteria next(ResultPage<?> page) {
    Objects.requireNonNull(page, "page");
    String next =
        page.nextCursor().orElseThrow(() -> new IllegalStateException("No page after the last"));
    return new SearchCriteria(project, text, tags, pageSize, next);
  }
}
