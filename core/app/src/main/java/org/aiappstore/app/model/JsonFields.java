package org.aiappstore.app.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;

/**
 * Reads typed members of a JSON object and records a field error with its JSON pointer for every
 * member of the wrong type, so one answer lists every mistake in a request.
 */
final class JsonFields {

  private final JsonObject object;
  private final String pointer;
  private final List<Problem.FieldError> errors;

  JsonFields(JsonObject object, String pointer, List<Problem.FieldError> errors) {
    this.object = object;
    this.pointer = pointer;
    this.errors = errors;
  }

  String pointer(String member) {
    return pointer + "/" + member;
  }

  void error(String member, String detail) {
    errors.add(new Problem.FieldError(pointer(member), detail));
  }

  /** Members outside {@code allowed} are errors, not silently ignored. */
  void rejectUnknown(Set<String> allowed) {
    for (String member : object.keySet()) {
      if (!allowed.contains(member)) {
        // The member is the client's text: "a/b" must point at member "a/b", not at "b" in "a".
        error(JsonPointer.escape(member), "is not a known field");
      }
    }
  }

  boolean isPresent(String member) {
    JsonValue value = object.get(member);
    return value != null && value.getValueType() != JsonValue.ValueType.NULL;
  }

  /** The string, or {@code null} when absent, null, or not a string (then an error is added). */
  String string(String member) {
    JsonValue value = object.get(member);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    error(member, "must be a string");
    return null;
  }

  /** Text trimmed, bounded, with control characters other than line breaks and tabs removed. */
  String text(String member, int maxLength) {
    String value = string(member);
    if (value == null) {
      return "";
    }
    String cleaned = PlainText.clean(value).strip();
    if (cleaned.length() > maxLength) {
      error(member, "must be at most " + maxLength + " characters");
    }
    return cleaned;
  }

  JsonArray array(String member) {
    JsonValue value = object.get(member);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return JsonValue.EMPTY_JSON_ARRAY;
    }
    if (value instanceof JsonArray array) {
      return array;
    }
    error(member, "must be an array");
    return JsonValue.EMPTY_JSON_ARRAY;
  }

  /** The nested object, or {@code null} when absent or null (an error when of another type). */
  JsonObject object(String member) {
    JsonValue value = object.get(member);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonObject nested) {
      return nested;
    }
    error(member, "must be an object");
    return null;
  }

  JsonFields nested(String member, JsonObject nested) {
    return new JsonFields(nested, pointer(member), errors);
  }
}
