package org.aiappstore.app.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code code} is the platform's stable error code; {@code errors}
 * lists invalid fields by JSON pointer; {@code retryable} is present when trying again may succeed.
 */
@JsonbPropertyOrder({
  "type",
  "title",
  "status",
  "detail",
  "instance",
  "code",
  "retryable",
  "errors"
})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    Boolean retryable,
    List<FieldError> errors) {

  /** One invalid field: where it is in the request body, and what is wrong with it. */
  public record FieldError(String pointer, String detail) {}
}
