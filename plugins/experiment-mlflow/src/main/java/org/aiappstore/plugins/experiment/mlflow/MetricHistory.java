package org.aiappstore.plugins.experiment.mlflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The points of one metric history, read page by page in bounded memory: it holds every {@code
 * stride}-th point received, and whenever it is full it drops every other point it holds and
 * doubles the stride, so that the points kept stay evenly spread over the whole history however
 * long it is. The last point received is always kept. Not safe for concurrent use.
 */
final class MetricHistory {

  /** One point of the history. */
  record Point(long step, long timestamp, double value) {}

  private final int capacity;
  private final long[] steps;
  private final long[] timestamps;
  private final double[] values;
  private int size;
  private long received;
  private long stride = 1;
  private Point last;
  private boolean lastHeld;
  private String cutShort;

  /**
   * Creates an empty history.
   *
   * @param capacity how many points it holds at most (besides the last one), at least 2
   */
  MetricHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("A metric history holds at least 2 points");
    }
    this.capacity = capacity;
    this.steps = new long[capacity];
    this.timestamps = new long[capacity];
    this.values = new double[capacity];
  }

  /**
   * Receives the next point, in the order MLflow sends them.
   *
   * @param step the step
   * @param timestamp when it was logged, epoch milliseconds
   * @param value the value, NaN if MLflow has none
   */
  void add(long step, long timestamp, double value) {
    long index = received++;
    last = new Point(step, timestamp, value);
    lastHeld = false;
    if (index % stride != 0) {
      return;
    }
    if (size == capacity) {
      thin();
      if (index % stride != 0) {
        return;
      }
    }
    steps[size] = step;
    timestamps[size] = timestamp;
    values[size] = value;
    size++;
    lastHeld = true;
  }

  /**
   * Notes that reading stopped before the end of the history.
   *
   * @param reason why, e.g. {@code reading more took longer than the request timeout}
   */
  void cutShort(String reason) {
    this.cutShort = reason;
  }

  /**
   * How many points were received.
   *
   * @return the count, thinned points included
   */
  long received() {
    return received;
  }

  /**
   * Every how many points received one is kept.
   *
   * @return 1 if nothing was thinned
   */
  long stride() {
    return stride;
  }

  /**
   * The points kept, ordered by step then timestamp.
   *
   * @return at most capacity + 1 points
   */
  List<Point> points() {
    List<Point> points = new ArrayList<>(size + 1);
    for (int i = 0; i < size; i++) {
      points.add(new Point(steps[i], timestamps[i], values[i]));
    }
    if (last != null && !lastHeld) {
      points.add(last);
    }
    points.sort(Comparator.comparingLong(Point::step).thenComparingLong(Point::timestamp));
    return points;
  }

  /**
   * What a reader of the figure should know about the points: that they were thinned or that the
   * history was cut short.
   *
   * @return e.g. {@code every 2nd of 200,001 points, and the last}, or empty if the figure shows
   *     the whole history
   */
  String note() {
    List<String> notes = new ArrayList<>(2);
    if (stride > 1) {
      notes.add(
          String.format(
              Locale.ROOT, "every %s of %,d points, and the last", ordinal(stride), received));
    }
    if (cutShort != null) {
      notes.add(String.format(Locale.ROOT, "cut short after %,d points: %s", received, cutShort));
    }
    return String.join("; ", notes);
  }

  /** Keeps every other point held: those at multiples of twice the stride. */
  private void thin() {
    int kept = 0;
    for (int i = 0; i < size; i += 2) {
      steps[kept] = steps[i];
      timestamps[kept] = timestamps[i];
      values[kept] = values[i];
      kept++;
    }
    size = kept;
    stride *= 2;
  }

  private static String ordinal(long n) {
    long tens = n % 100;
    if (tens >= 11 && tens <= 13) {
      return n + "th";
    }
    return switch ((int) (n % 10)) {
      case 1 -> n + "st";
      case 2 -> n + "nd";
      case 3 -> n + "rd";
      default -> n + "th";
    };
  }
}
