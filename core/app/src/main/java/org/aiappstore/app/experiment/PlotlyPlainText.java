package org.aiappstore.app.experiment;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the markup in a tracker's Plotly figure into plain text, where the figure enters the
 * platform. Figures made with Plotly's own tools carry its HTML-like tags: plotly.express writes
 * every hover template as {@code x=%{x}<br>y=%{y}<extra></extra>}, titles use {@code <b>} or {@code
 * <sup>}. A card refuses angle brackets in any string of a chart's figure (no HTML in what Plotly
 * renders), so without this a chart imported from an experiment could not be published.
 *
 * <p>A line break becomes a space, Plotly's {@code <extra>} box goes (the hover then shows the
 * trace name, as without a template), other tags go and their text stays, and a lone {@code <} or
 * {@code >} becomes {@code &lt;} or {@code &gt;}, entities Plotly shows as the character again.
 */
final class PlotlyPlainText {

  private static final Pattern EXTRA = Pattern.compile("(?is)<extra>.*?</extra>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

  /**
   * What Plotly takes for a tag: anything from {@code <} to the next {@code >}, no bracket between.
   */
  private static final Pattern TAG = Pattern.compile("<[^<>]*>");

  private PlotlyPlainText() {}

  /** The figure with every string in plain text; keys are left as they are. */
  static JsonValue of(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> object(value.asJsonObject());
      case ARRAY -> array(value.asJsonArray());
      case STRING -> {
        String text = ((JsonString) value).getString();
        String plain = text(text);
        yield plain.equals(text) ? value : Json.createValue(plain);
      }
      default -> value;
    };
  }

  static String text(String text) {
    if (text.indexOf('<') < 0 && text.indexOf('>') < 0) {
      return text;
    }
    String plain = EXTRA.matcher(text).replaceAll("");
    plain = BREAK.matcher(plain).replaceAll(" ");
    plain = TAG.matcher(plain).replaceAll("");
    return plain.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static JsonObject object(JsonObject object) {
    JsonObjectBuilder plain = Json.createObjectBuilder();
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      plain.add(member.getKey(), of(member.getValue()));
    }
    return plain.build();
  }

  private static JsonArray array(JsonArray array) {
    JsonArrayBuilder plain = Json.createArrayBuilder();
    for (JsonValue item : array) {
      plain.add(of(item));
    }
    return plain.build();
  }
}
