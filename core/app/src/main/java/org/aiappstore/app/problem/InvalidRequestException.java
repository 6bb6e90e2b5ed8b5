package org.aiappstore.app.problem;

import java.util.List;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A request the server understood but refuses, naming each field at fault: 422 with {@code
 * errors[]}.
 */
public class InvalidRequestException extends PlatformException {

  private final transient List<Problem.FieldError> errors;

  public InvalidRequestException(String pointer, String detail) {
    this(List.of(new Problem.FieldError(pointer, detail)));
  }

  public InvalidRequestException(List<Problem.FieldError> errors) {
    super(PlatformErrors.INVALID_ARGUMENT, describe(errors));
    this.errors = List.copyOf(errors);
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  private static String describe(List<Problem.FieldError> errors) {
    return errors.size() == 1
        ? errors.get(0).detail()
        : "The request has " + errors.size() + " invalid fields.";
  }
}
