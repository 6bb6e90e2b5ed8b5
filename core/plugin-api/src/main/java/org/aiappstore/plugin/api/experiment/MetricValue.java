package org.aiappstore.plugin.api.experiment;

import java.util.Objects;

/**
 * The last reported value of one series of a scalar metric.
 *
 * @param metric the metric, e.g. {@code loss}
 * @param variant the series within the metric, e.g. {@code validation}; trackers without variants
 *     use the metric name
 * @param value the last value; may be {@link Double#NaN} if the tracker recorded one
 */
public record MetricValue(String metric, String variant, double value) {

  /**
   * Validates the value.
   *
   * @param metric the metric
   * @param variant the series within the metric; defaults to the metric name
   * @param value the last value
   */
  public MetricValue {
    Objects.requireNonNull(metric, "metric");
    variant = variant == null || variant.isEmpty() ? metric : variant;
  }
}
