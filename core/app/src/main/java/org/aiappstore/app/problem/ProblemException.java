package org.aiappstore.app.problem;

import java.util.List;
import java.util.Map;

/**
 * A client-facing failure with its own status, code and field errors, for features whose errors
 * need more than {@code PlatformException} carries (field pointers, response headers such as {@code
 * Retry-After}).
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<Problem.FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(int status, String code, String detail) {
    this(status, code, detail, List.of(), Map.of());
  }

  public ProblemException(
      int status,
      String code,
      String detail,
      List<Problem.FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  /** A single invalid field. */
  public static ProblemException field(int status, String code, String pointer, String detail) {
    return new ProblemException(
        status, code, detail, List.of(new Problem.FieldError(pointer, detail)), Map.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
