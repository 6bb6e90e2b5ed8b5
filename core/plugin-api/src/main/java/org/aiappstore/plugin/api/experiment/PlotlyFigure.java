package org.aiappstore.plugin.api.experiment;

import java.util.List;
import java.util.Objects;

/**
 * A line chart of one scalar metric: one {@link PlotlySeries series} per variant, x the iteration
 * or step, y the value. {@link #toPlotlyJson()} gives the figure in Plotly's JSON format ({@code
 * data} and {@code layout}), so the host needs no knowledge of Plotly to serve it.
 *
 * @param title the figure title, usually the metric name
 * @param xAxisTitle the x axis title, e.g. {@code Iteration} or {@code Step}
 * @param yAxisTitle the y axis title, e.g. {@code Value}
 * @param series the lines, in legend order
 */
public record PlotlyFigure(
    String title, String xAxisTitle, String yAxisTitle, List<PlotlySeries> series) {

  /**
   * Validates the figure.
   *
   * @param title the figure title
   * @param xAxisTitle the x axis title; may be empty
   * @param yAxisTitle the y axis title; may be empty
   * @param series the lines, in legend order
   */
  public PlotlyFigure {
    Objects.requireNonNull(title, "title");
    xAxisTitle = xAxisTitle == null ? "" : xAxisTitle;
    yAxisTitle = yAxisTitle == null ? "" : yAxisTitle;
    series = List.copyOf(series);
  }

  /**
   * The figure as Plotly JSON: {@code
   * {"data":[{"type":"scatter","mode":"lines","name":...,"x":[...],
   * "y":[...]}],"layout":{"title":{"text":...},"xaxis":{"title":{"text":...}},"yaxis":...}}}.
   *
   * @return a JSON object, {@code null} for missing y values
   */
  public String toPlotlyJson() {
    StringBuilder json = new StringBuilder(64 + series.size() * 256);
    json.append("{\"data\":[");
    for (int i = 0; i < series.size(); i++) {
      PlotlySeries line = series.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"type\":\"scatter\",\"mode\":\"lines\",\"name\":");
      appendString(json, line.name());
      json.append(",\"x\":");
      appendNumbers(json, line.x());
      json.append(",\"y\":");
      appendNumbers(json, line.y());
      json.append('}');
    }
    json.append("],\"layout\":{\"title\":{\"text\":");
    appendString(json, title);
    json.append("},\"xaxis\":{\"title\":{\"text\":");
    appendString(json, xAxisTitle);
    json.append("}},\"yaxis\":{\"title\":{\"text\":");
    appendString(json, yAxisTitle);
    json.append("}}}}");
    return json.toString();
  }

  private static void appendNumbers(StringBuilder json, List<Double> values) {
    json.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      Double value = values.get(i);
      if (value == null) {
        json.append("null");
      } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        json.append(value.longValue());
      } else {
        json.append(value.doubleValue());
      }
    }
    json.append(']');
  }

  private static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
