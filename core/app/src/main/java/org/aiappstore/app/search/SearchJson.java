package org.aiappstore.app.search;

import java.util.List;
import java.util.Map;
import org.aiappstore.app.search.CardSearchService.FacetCounts;
import org.aiappstore.app.search.CardSearchService.FacetValue;
import org.aiappstore.app.search.CardSearchService.Hit;
import org.aiappstore.app.search.CardSearchService.SearchResult;

/**
 * The JSON of a search answer, written as text. Each result's summary is already JSON in the index,
 * so it goes into the answer as it is: parsing it into objects only to write them out again (and
 * copying the answer's tree on the way) was a fifth of a search's time.
 */
final class SearchJson {

  private SearchJson() {}

  static String of(SearchResult result) {
    StringBuilder json = new StringBuilder(32 * 1024);
    json.append("{\"items\":[");
    List<Hit> hits = result.hits();
    for (int i = 0; i < hits.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      item(json, hits.get(i));
    }
    json.append("],\"total\":").append(result.total());
    json.append(",\"page\":").append(result.page() == null ? "null" : result.page().toString());
    json.append(",\"size\":").append(result.size());
    json.append(",\"nextCursor\":");
    if (result.nextCursor() == null) {
      json.append("null");
    } else {
      string(json, result.nextCursor());
    }
    FacetCounts facets = result.facets();
    json.append(",\"facets\":{\"task\":");
    facetValues(json, facets.task());
    json.append(",\"frameworks\":");
    facetValues(json, facets.frameworks());
    json.append(",\"owner\":");
    facetValues(json, facets.owner());
    json.append(",\"tags\":");
    facetValues(json, facets.tags());
    return json.append("}}").toString();
  }

  /** The summary object with the hit's snippets and score added as its last members. */
  private static void item(StringBuilder json, Hit hit) {
    String summary = hit.summaryJson();
    json.append(summary, 0, summary.lastIndexOf('}'));
    json.append(",\"snippets\":{");
    boolean first = true;
    for (Map.Entry<String, String> snippet : hit.snippets().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, snippet.getKey());
      json.append(':');
      string(json, snippet.getValue());
    }
    json.append("},\"score\":");
    json.append(hit.score() == null ? "null" : Double.toString(hit.score().doubleValue()));
    json.append('}');
  }

  private static void facetValues(StringBuilder json, List<FacetValue> values) {
    json.append('[');
    for (int i = 0; i < values.size(); i++) {
      FacetValue value = values.get(i);
      json.append(i > 0 ? ",{\"value\":" : "{\"value\":");
      string(json, value.value());
      json.append(",\"label\":");
      string(json, value.label());
      json.append(",\"count\":").append(value.count()).append('}');
    }
    json.append(']');
  }

  /**
   * {@code text} as a JSON string: quoted, with quotes, backslashes and control characters escaped.
   */
  static void string(StringBuilder json, String text) {
    json.append('"');
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '"' && c != '\\' && c >= 0x20) {
        continue;
      }
      json.append(text, start, i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> json.append(String.format("\\u%04x", (int) c));
      }
      start = i + 1;
    }
    json.append(text, start, text.length()).append('"');
  }
}
