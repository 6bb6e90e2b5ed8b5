package org.aiappstore.app.model.content;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiappstore.app.problem.JsonLimits;

/**
 * Where an imported chart came from: {@code data-source="{connectorId, experimentId, kind, name,
 * fetchedAt}"} on a chart node, so the editor can offer "refresh from source". Only these keys, as
 * short plain strings, are kept: the attribute is shown to readers and sent back to the API as path
 * segments, so nothing else may ride along.
 */
final class ChartSource {

  /** What a source names in the experiment: one of its scalar figures or one of its plots. */
  static final Set<String> KINDS = Set.of("scalar", "plot");

  private static final int MAX_ID = 200;
  private static final int MAX_NAME = 200;
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}<>]");

  /**
   * A source is a flat object of strings; a second level lets a member of the wrong type be named.
   */
  private static final JsonLimits SHAPE = JsonLimits.depth(2);

  private ChartSource() {}

  /**
   * Validates a chart's source and writes it compactly with the keys in a fixed order.
   *
   * @throws RichTextException when the source is not an object of the expected strings
   */
  static String canonical(String json, int chartNumber) {
    String prefix = "Chart " + chartNumber + ": the source ";
    JsonObject source;
    try {
      SHAPE.check(new StringReader(json));
      try (JsonReader reader = Json.createReader(new StringReader(json))) {
        source = reader.readObject();
      }
    } catch (RuntimeException e) {
      // Whatever the parser throws (JSON-P's own nesting guard is a bare RuntimeException).
      throw new RichTextException(prefix + "is not a JSON object.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("connectorId", text(source, "connectorId", MAX_ID, prefix));
    fields.put("experimentId", text(source, "experimentId", MAX_ID, prefix));
    String kind = text(source, "kind", 10, prefix);
    if (!KINDS.contains(kind)) {
      throw new RichTextException(prefix + "kind must be scalar or plot.");
    }
    fields.put("kind", kind);
    fields.put("name", text(source, "name", MAX_NAME, prefix));
    String fetchedAt = text(source, "fetchedAt", 40, prefix);
    try {
      fields.put("fetchedAt", Instant.parse(fetchedAt).toString());
    } catch (DateTimeParseException e) {
      throw new RichTextException(prefix + "fetchedAt must be a UTC timestamp.");
    }
    for (String key : source.keySet()) {
      if (!fields.containsKey(key)) {
        throw new RichTextException(prefix + "has an unknown field " + key + ".");
      }
    }
    var builder = Json.createObjectBuilder();
    fields.forEach(builder::add);
    return builder.build().toString();
  }

  private static String text(JsonObject source, String key, int max, String prefix) {
    JsonValue value = source.get(key);
    if (!(value instanceof JsonString string)) {
      throw new RichTextException(prefix + "needs " + key + " as a string.");
    }
    String text = string.getString().strip();
    if (text.isEmpty() || text.length() > max || CONTROL.matcher(text).find()) {
      throw new RichTextException(
          prefix + key + " must be 1 to " + max + " characters without control characters.");
    }
    return text;
  }
}
