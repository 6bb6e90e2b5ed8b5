package org.aiappstore.plugin.api.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One line of a {@link PlotlyFigure}: a Plotly {@code scatter} trace in {@code lines} mode.
 *
 * @param name the series name shown in the legend, e.g. the metric variant
 * @param x the x values (iteration or step), finite
 * @param y the y values, as many as x values; non-finite values (NaN, infinities) are stored as
 *     {@code null}, which Plotly draws as a gap
 */
public record PlotlySeries(String name, List<Double> x, List<Double> y) {

  /**
   * Validates the series and copies the values.
   *
   * @param name the series name
   * @param x the x values, finite
   * @param y the y values, as many as x values; non-finite values become {@code null}
   */
  public PlotlySeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.size() != y.size()) {
      throw new IllegalArgumentException(
          "Series '" + name + "' has " + x.size() + " x values but " + y.size() + " y values");
    }
    for (Double value : x) {
      if (value == null || !Double.isFinite(value)) {
        throw new IllegalArgumentException("Series '" + name + "' has a non-finite x value");
      }
    }
    x = List.copyOf(x);
    List<Double> ys = new ArrayList<>(y.size());
    for (Double value : y) {
      ys.add(value == null || !Double.isFinite(value) ? null : value);
    }
    y = Collections.unmodifiableList(ys);
  }
}
