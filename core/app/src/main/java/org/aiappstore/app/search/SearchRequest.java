package org.aiappstore.app.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;

/**
 * A validated search of {@code GET /api/v1/search/models}. Every value is data: the text goes
 * through {@link TextQuery}, filter values are compared as whole keys.
 *
 * @param text what the user typed; blank for none
 * @param tasks cards with any of these tasks
 * @param tags cards with every one of these tags
 * @param frameworks cards with any of these frameworks
 * @param owner a username, {@code me}, or null
 * @param hasDemoApp null for either
 * @param hasVideo null for either (a video demo or a video in a document)
 * @param updatedAfter inclusive, or null
 * @param updatedBefore exclusive, or null
 * @param cursor {@code nextCursor} of the previous page, or null
 */
public record SearchRequest(
    String text,
    List<String> tasks,
    List<String> tags,
    List<String> frameworks,
    String owner,
    Boolean hasDemoApp,
    Boolean hasVideo,
    Instant updatedAfter,
    Instant updatedBefore,
    SortOrder sort,
    int page,
    int size,
    String cursor) {

  public static final int TEXT_MAX = 200;
  public static final int SIZE_MAX = 100;
  public static final int DEFAULT_SIZE = 20;

  /** Deeper pages need the cursor: collecting them costs more the deeper they are. */
  public static final int PAGE_WINDOW = 10_000;

  static final int VALUES_MAX = 20;
  static final int TASK_MAX = 100;
  static final int LABEL_MAX = 40;
  static final int OWNER_MAX = 100;
  static final int CURSOR_MAX = 2000;

  /** Dates outside these years are no filter anyone means, and overflow epoch milliseconds. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final Set<String> PARAMETERS =
      Set.of(
          "q",
          "task",
          "tags",
          "frameworks",
          "owner",
          "hasDemoApp",
          "hasVideo",
          "updatedAfter",
          "updatedBefore",
          "sort",
          "page",
          "size",
          "cursor");

  public SearchRequest {
    tasks = List.copyOf(tasks);
    tags = List.copyOf(tags);
    frameworks = List.copyOf(frameworks);
  }

  /** How results are ordered. */
  public enum SortOrder {
    /** Best match first; most recently updated first when there is no text. */
    RELEVANCE,
    NEWEST,
    UPDATED,
    TITLE;

    String parameter() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every card the caller may see, in the default order: what an empty query string asks. */
  public static SearchRequest all() {
    return parse(Map.of());
  }

  /**
   * Parses query parameters (each name with its values in order); throws a 400 problem naming every
   * invalid parameter at once.
   */
  public static SearchRequest parse(Map<String, List<String>> parameters) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Parameters in = new Parameters(parameters, errors);
    parameters.keySet().stream()
        .filter(name -> !PARAMETERS.contains(name))
        .sorted()
        .forEach(name -> errors.add(new Problem.FieldError("/" + name, "is not a parameter")));

    String text = in.single("q", TEXT_MAX, "");
    List<String> tasks = in.list("task", TASK_MAX);
    List<String> tags = in.list("tags", LABEL_MAX);
    List<String> frameworks = in.list("frameworks", LABEL_MAX);
    String owner = in.single("owner", OWNER_MAX, "").strip();
    Boolean hasDemoApp = in.flag("hasDemoApp");
    Boolean hasVideo = in.flag("hasVideo");
    Instant after = in.instant("updatedAfter");
    Instant before = in.instant("updatedBefore");
    if (after != null && before != null && !after.isBefore(before)) {
      errors.add(new Problem.FieldError("/updatedBefore", "must be later than updatedAfter"));
    }
    SortOrder sort = in.sort();
    int page = QueryParameters.integer(in.single("page", 20, "0"), 0, PAGE_WINDOW, "/page", errors);
    int size =
        QueryParameters.integer(
            in.single("size", 20, String.valueOf(DEFAULT_SIZE)), 1, SIZE_MAX, "/size", errors);
    String cursor = in.single("cursor", CURSOR_MAX, "");
    if (!cursor.isEmpty() && page > 0) {
      errors.add(new Problem.FieldError("/cursor", "cannot be combined with page"));
    } else if ((long) (page + 1) * size > PAGE_WINDOW) {
      errors.add(
          new Problem.FieldError(
              "/page",
              "only the first " + PAGE_WINDOW + " results can be paged to; use the cursor"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new SearchRequest(
        text.strip(),
        tasks,
        tags,
        frameworks,
        owner.isEmpty() ? null : owner,
        hasDemoApp,
        hasVideo,
        after,
        before,
        sort,
        page,
        size,
        cursor.isEmpty() ? null : cursor);
  }

  static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
  }

  /**
   * What makes two requests the same query, apart from which page: a cursor is only valid for the
   * query that produced it.
   */
  String queryKey() {
    return String.join(
        "\u0000",
        text,
        String.join("\u0001", tasks),
        String.join("\u0001", tags),
        String.join("\u0001", frameworks),
        String.valueOf(owner),
        String.valueOf(hasDemoApp),
        String.valueOf(hasVideo),
        String.valueOf(updatedAfter),
        String.valueOf(updatedBefore),
        sort.name());
  }

  /** Reads parameters and collects what is wrong with them. */
  private record Parameters(Map<String, List<String>> values, List<Problem.FieldError> errors) {

    String single(String name, int maxLength, String absent) {
      List<String> given = values.getOrDefault(name, List.of());
      if (given.isEmpty()) {
        return absent;
      }
      if (given.size() > 1) {
        errors.add(new Problem.FieldError("/" + name, "must be given once"));
        return absent;
      }
      String value = given.get(0) == null ? "" : given.get(0);
      if (value.length() > maxLength) {
        errors.add(
            new Problem.FieldError("/" + name, "must be at most " + maxLength + " characters"));
        return absent;
      }
      return value;
    }

    List<String> list(String name, int maxLength) {
      List<String> given = values.getOrDefault(name, List.of());
      if (given.size() > VALUES_MAX) {
        errors.add(
            new Problem.FieldError("/" + name, "can be given at most " + VALUES_MAX + " times"));
        return List.of();
      }
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        String value = given.get(i) == null ? "" : given.get(i).strip();
        if (value.isEmpty() || value.length() > maxLength) {
          errors.add(
              new Problem.FieldError(
                  "/" + name + "/" + i, "must be 1 to " + maxLength + " characters"));
        } else if (CardAnalyzers.key(value).isEmpty()) {
          // Facet values are counted and filtered by their key, which drops control characters.
          errors.add(
              new Problem.FieldError("/" + name + "/" + i, "must contain a visible character"));
        } else {
          kept.add(value);
        }
      }
      return kept;
    }

    Boolean flag(String name) {
      String value = single(name, 5, "");
      switch (value.toLowerCase(Locale.ROOT)) {
        case "":
          return null;
        case "true":
          return true;
        case "false":
          return false;
        default:
          errors.add(new Problem.FieldError("/" + name, "must be true or false"));
          return null;
      }
    }

    Instant instant(String name) {
      String value = single(name, 40, "");
      if (value.isEmpty()) {
        return null;
      }
      try {
        Instant instant =
            value.length() == 10
                ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(value).toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
          errors.add(new Problem.FieldError("/" + name, "must be between the years 0001 and 9999"));
          return null;
        }
        return instant;
      } catch (DateTimeParseException e) {
        errors.add(
            new Problem.FieldError(
                "/" + name, "must be a date (2026-11-28) or a time (2026-11-28T10:00:00Z)"));
        return null;
      }
    }

    SortOrder sort() {
      String value = single("sort", 20, "relevance");
      for (SortOrder order : SortOrder.values()) {
        if (order.parameter().equals(value)) {
          return order;
        }
      }
      errors.add(new Problem.FieldError("/sort", "must be relevance, newest, updated or title"));
      return SortOrder.RELEVANCE;
    }
  }
}
