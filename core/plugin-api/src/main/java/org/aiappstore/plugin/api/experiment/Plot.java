package org.aiappstore.plugin.api.experiment;

import java.util.Objects;

/**
 * A plot reported by an experiment (confusion matrix, ROC curve, table, ...) that the tracker
 * stores as Plotly JSON, passed through unchanged.
 *
 * @param title a title for the plot, e.g. {@code metric / variant}
 * @param plotlyJson the Plotly figure as stored by the tracker: a JSON object, typically with
 *     {@code data} and {@code layout}
 */
public record Plot(String title, String plotlyJson) {

  /**
   * Validates the plot.
   *
   * @param title a title for the plot
   * @param plotlyJson the Plotly figure as stored by the tracker
   */
  public Plot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(plotlyJson, "plotlyJson");
  }
}
