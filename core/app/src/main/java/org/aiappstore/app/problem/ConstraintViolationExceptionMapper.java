package org.aiappstore.app.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures: 422 with one JSON pointer per invalid field of the request body. */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<Problem.FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(pointer(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::pointer))
            .toList();
    return Problems.status(422)
        .code("VALIDATION_FAILED")
        .title("Validation failed")
        .detail("The request has " + errors.size() + " invalid field(s).")
        .errors(errors)
        .response();
  }

  /** Keeps only the nodes inside the request body: drops the method and parameter nodes. */
  static String pointer(ConstraintViolation<?> violation) {
    List<String> tokens = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD
          || kind == ElementKind.PARAMETER
          || kind == ElementKind.CROSS_PARAMETER
          || kind == ElementKind.RETURN_VALUE) {
        continue;
      }
      if (node.getIndex() != null && !tokens.isEmpty()) {
        tokens.add(String.valueOf(node.getIndex()));
      } else if (node.getKey() != null) {
        tokens.add(String.valueOf(node.getKey()));
      }
      if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
        tokens.add(node.getName());
      }
    }
    StringBuilder pointer = new StringBuilder();
    for (String token : tokens) {
      pointer.append('/').append(JsonPointer.escape(token));
    }
    return pointer.length() == 0 ? "" : pointer.toString();
  }
}
