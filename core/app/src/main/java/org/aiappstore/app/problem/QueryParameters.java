package org.aiappstore.app.problem;

import java.util.List;

/** Parsing of query parameters that collects every invalid one, so a 400 names them all at once. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * The whole number in {@code value} if it lies in {@code [min, max]}; otherwise an error at
   * {@code pointer} is added and {@code min} returned.
   */
  public static int integer(
      String value, int min, int max, String pointer, List<Problem.FieldError> errors) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new Problem.FieldError(pointer, "Give a whole number from " + min + " to " + max + "."));
    return min;
  }
}
