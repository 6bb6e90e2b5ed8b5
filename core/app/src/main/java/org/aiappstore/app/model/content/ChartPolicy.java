package org.aiappstore.app.model.content;

/**
 * Limits on the Plotly figure a chart node carries.
 *
 * @param maxFigureChars the longest figure JSON accepted, in characters
 * @param maxDepth the deepest nesting of objects and arrays accepted, the figure object itself
 *     being level 1
 */
public record ChartPolicy(int maxFigureChars, int maxDepth) {

  /** 512 KiB: room for a few thousand points, far below a document's own limit. */
  public static final int DEFAULT_MAX_FIGURE_CHARS = 512 * 1024;

  /** Real figures stay below 10 levels; 32 leaves room without letting a figure recurse freely. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /**
   * Validates the limits.
   *
   * @param maxFigureChars the longest figure JSON accepted, at least 1
   * @param maxDepth the deepest nesting accepted, at least 2 (a figure and its data array)
   */
  public ChartPolicy {
    if (maxFigureChars < 1) {
      throw new IllegalArgumentException("maxFigureChars must be positive, not " + maxFigureChars);
    }
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2, not " + maxDepth);
    }
  }

  /**
   * The platform's limits: {@value #DEFAULT_MAX_FIGURE_CHARS} characters, {@value
   * #DEFAULT_MAX_DEPTH} levels.
   *
   * @return the default policy
   */
  public static ChartPolicy defaults() {
    return new ChartPolicy(DEFAULT_MAX_FIGURE_CHARS, DEFAULT_MAX_DEPTH);
  }
}
