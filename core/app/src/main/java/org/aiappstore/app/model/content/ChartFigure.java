package org.aiappstore.app.model.content;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiappstore.app.problem.JsonLimits;

/**
 * Validates the Plotly figure of a chart node and writes it back in one canonical form.
 *
 * <p>Plotly renders a subset of HTML (and {@code <a href>} links) in titles, annotations, hover
 * text and templates, tick labels and trace names, and loads layout images from a URL. Rather than
 * follow Plotly's list of such fields, which grows with every release, every string anywhere in the
 * figure is held to the same rules: no angle brackets at all, and no URL with a scheme other than
 * http or https.
 */
final class ChartFigure {

  private static final Set<String> TOP_LEVEL_KEYS = Set.of("data", "layout", "frames");

  /** A token that starts like an absolute URL, e.g. {@code ftp://} or {@code file:/}. */
  private static final Pattern URL_WITH_SCHEME = Pattern.compile("([a-z][a-z0-9+.\\-]*):/.*");

  /** Schemes that run or embed content wherever a URL is followed, with or without slashes. */
  private static final Set<String> ACTIVE_SCHEMES = Set.of("javascript", "vbscript", "data");

  private static final java.util.regex.Pattern DATA_URL =
      java.util.regex.Pattern.compile("[,;]|[a-z0-9!#$&^_.+-]+/");

  private final ChartPolicy policy;
  private final JsonLimits shape;
  private final JsonReaderFactory readers = Json.createReaderFactory(Map.of());
  private final JsonWriterFactory writers = Json.createWriterFactory(Map.of());

  ChartFigure(ChartPolicy policy) {
    this.policy = policy;
    this.shape = JsonLimits.depth(policy.maxDepth());
  }

  /**
   * Validates a figure and writes it compactly, keys in their original order.
   *
   * @param json the figure as the document holds it, entities already decoded
   * @param chartNumber the chart's position in the document, for the reason
   * @return the canonical JSON
   * @throws RichTextException when the figure breaks a rule
   */
  String canonical(String json, int chartNumber) {
    String prefix = "Chart " + chartNumber + ": ";
    if (json.length() > policy.maxFigureChars()) {
      throw new RichTextException(
          prefix
              + "the figure is larger than "
              + policy.maxFigureChars()
              + " characters ("
              + json.length()
              + ").");
    }
    JsonObject figure;
    try {
      // Streamed through first, so a deeply nested figure is refused before any recursive code
      // (the JSON-P reader's or ours) sees it; trailing content is refused too.
      shape.check(new StringReader(json));
      try (JsonReader reader = readers.createReader(new StringReader(json))) {
        JsonValue value = reader.readValue();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new RichTextException(prefix + "the figure is not a JSON object.");
        }
        figure = value.asJsonObject();
      }
    } catch (JsonLimits.Exceeded e) {
      throw new RichTextException(prefix + "the figure " + e.getMessage() + ".");
    } catch (JsonException | IllegalStateException malformed) {
      throw new RichTextException(prefix + "the figure is not valid JSON.", malformed);
    }
    checkShape(figure, prefix);
    checkValue(figure, "", prefix);
    StringWriter out = new StringWriter(json.length());
    try (JsonWriter writer = writers.createWriter(out)) {
      writer.writeObject(figure);
    }
    return out.toString();
  }

  private static void checkShape(JsonObject figure, String prefix) {
    for (String key : figure.keySet()) {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw new RichTextException(
            prefix
                + "the figure may only hold data, layout and frames, not '"
                + printable(key)
                + "'.");
      }
    }
    requireType(figure, "data", JsonValue.ValueType.ARRAY, true, prefix);
    requireType(figure, "layout", JsonValue.ValueType.OBJECT, false, prefix);
    requireType(figure, "frames", JsonValue.ValueType.ARRAY, false, prefix);
  }

  private static void requireType(
      JsonObject figure, String key, JsonValue.ValueType type, boolean required, String prefix) {
    JsonValue value = figure.get(key);
    String expected = type == JsonValue.ValueType.ARRAY ? "an array" : "an object";
    if (value == null) {
      if (required) {
        throw new RichTextException(prefix + "the figure has no " + key + " array.");
      }
      return;
    }
    if (value.getValueType() != type) {
      throw new RichTextException(prefix + "the figure's " + key + " must be " + expected + ".");
    }
  }

  /** Depth is bounded by the {@link JsonLimits} check, so recursion is too. */
  private static void checkValue(JsonValue value, String path, String prefix) {
    switch (value.getValueType()) {
      case OBJECT -> {
        for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
          // Reported by where it sits, so the message never repeats the offending key.
          checkString(member.getKey(), path.isEmpty() ? "top level" : path, true, prefix);
          String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
          checkValue(member.getValue(), memberPath, prefix);
        }
      }
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
          checkValue(array.get(i), path + "[" + i + "]", prefix);
        }
      }
      case STRING -> checkString(((JsonString) value).getString(), path, false, prefix);
      default -> {
        // Numbers, booleans and null cannot carry markup.
      }
    }
  }

  private static void checkString(String text, String path, boolean key, String prefix) {
    String where = "the figure's " + printable(path) + (key ? " has a key that" : "");
    if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
      throw new RichTextException(prefix + where + " contains HTML.");
    }
    String view = Text.schemeView(text);
    int colon = view.indexOf(':');
    if (colon > 0
        && ACTIVE_SCHEMES.contains(view.substring(0, colon))
        && !isPlainLabel(view, colon)) {
      throw new RichTextException(
          prefix + where + " contains a " + view.substring(0, colon) + ": URL.");
    }
    var url = URL_WITH_SCHEME.matcher(view);
    if (url.matches() && !url.group(1).equals("http") && !url.group(1).equals("https")) {
      throw new RichTextException(
          prefix
              + where
              + " contains a "
              + url.group(1)
              + ": URL; only http and https links are allowed.");
    }
  }

  /**
   * "Data: loss" is an axis title, not a URL: a {@code data:} URL continues with a media type
   * ({@code data:image/png;…}) or straight with its parameters or payload ({@code data:,…}).
   */
  private static boolean isPlainLabel(String view, int colon) {
    if (!view.startsWith("data")) {
      return false;
    }
    return !DATA_URL.matcher(view.substring(colon + 1)).lookingAt();
  }

  /**
   * Paths and keys come from the author and end up in an error message: keep them short and free of
   * control characters and markup.
   */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 80; i++) {
      char c = text.charAt(i);
      out.append(c < ' ' || c == 0x7f || c == '<' || c == '>' ? '?' : c);
    }
    return text.length() > 80 ? out + "…" : out.toString();
  }
}
