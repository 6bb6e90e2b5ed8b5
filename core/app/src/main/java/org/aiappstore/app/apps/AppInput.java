package org.aiappstore.app.apps;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;

/**
 * An app as a client sends it, to create one or change one. A {@code null} field was not sent: an
 * update keeps the stored value. Type mistakes are collected as field errors with JSON pointers, so
 * a form can show all of them at once.
 *
 * @param backendId the deployment-backend instance (create only)
 * @param cardId the card whose demo it is (create only), or {@code null} for a preview app
 * @param image the container image
 * @param port the port the container serves HTTP on
 * @param env plain environment variables, in order
 * @param secretEnv secret environment variables, in order; {@code ********} keeps a stored value
 * @param resources CPU, memory and GPUs as sent
 * @param minReplicas instances kept running
 * @param maxReplicas instances at most
 * @param scaleToZero whether an idle app may scale down to no instance
 */
record AppInput(
    String backendId,
    String cardId,
    String image,
    Integer port,
    Map<String, String> env,
    Map<String, String> secretEnv,
    ResourcesInput resources,
    Integer minReplicas,
    Integer maxReplicas,
    Boolean scaleToZero) {

  /** Resources as sent; a {@code null} field was not sent (create: the backend's default). */
  record ResourcesInput(
      String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit, Integer gpus) {}

  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "backendId",
          "cardId",
          "image",
          "port",
          "env",
          "secretEnv",
          "resources",
          "minReplicas",
          "maxReplicas",
          "scaleToZero");
  private static final Set<String> UPDATE_FIELDS =
      Set.of(
          "image",
          "port",
          "env",
          "secretEnv",
          "resources",
          "minReplicas",
          "maxReplicas",
          "scaleToZero");
  private static final Set<String> RESOURCE_FIELDS =
      Set.of("cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit", "gpus");
  static final int ID_MAX = 100;

  static AppInput parse(JsonObject in, boolean creating, List<Problem.FieldError> errors) {
    if (in == null) {
      errors.add(new Problem.FieldError("", "A JSON object is required."));
      return new AppInput(null, null, null, null, null, null, null, null, null, null);
    }
    Set<String> known = creating ? CREATE_FIELDS : UPDATE_FIELDS;
    for (String key : in.keySet()) {
      if (!known.contains(key)) {
        errors.add(new Problem.FieldError("/" + JsonPointer.escape(key), "is not a known field"));
      }
    }
    return new AppInput(
        creating ? text(in, "backendId", "/backendId", ID_MAX, errors) : null,
        creating ? text(in, "cardId", "/cardId", ID_MAX, errors) : null,
        text(in, "image", "/image", 1024, errors),
        integer(in, "port", "/port", errors),
        map(in, "env", errors),
        map(in, "secretEnv", errors),
        resources(in, errors),
        integer(in, "minReplicas", "/minReplicas", errors),
        integer(in, "maxReplicas", "/maxReplicas", errors),
        bool(in, "scaleToZero", "/scaleToZero", errors));
  }

  private static ResourcesInput resources(JsonObject in, List<Problem.FieldError> errors) {
    JsonValue value = in.get("resources");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      errors.add(new Problem.FieldError("/resources", "must be an object"));
      return null;
    }
    for (String key : object.keySet()) {
      if (!RESOURCE_FIELDS.contains(key)) {
        errors.add(
            new Problem.FieldError(
                "/resources/" + JsonPointer.escape(key), "is not a known field"));
      }
    }
    return new ResourcesInput(
        text(object, "cpuRequest", "/resources/cpuRequest", 64, errors),
        text(object, "cpuLimit", "/resources/cpuLimit", 64, errors),
        text(object, "memoryRequest", "/resources/memoryRequest", 64, errors),
        text(object, "memoryLimit", "/resources/memoryLimit", 64, errors),
        integer(object, "gpus", "/resources/gpus", errors));
  }

  private static String text(
      JsonObject in, String key, String pointer, int max, List<Problem.FieldError> errors) {
    JsonValue value = in.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string)) {
      errors.add(new Problem.FieldError(pointer, "must be a string"));
      return null;
    }
    String text = string.getString().strip();
    if (text.length() > max) {
      errors.add(new Problem.FieldError(pointer, "must be at most " + max + " characters"));
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  private static Integer integer(
      JsonObject in, String key, String pointer, List<Problem.FieldError> errors) {
    JsonValue value = in.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      errors.add(new Problem.FieldError(pointer, "must be a whole number"));
      return null;
    }
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      errors.add(new Problem.FieldError(pointer, "is out of range"));
      return null;
    }
  }

  private static Boolean bool(
      JsonObject in, String key, String pointer, List<Problem.FieldError> errors) {
    JsonValue value = in.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    errors.add(new Problem.FieldError(pointer, "must be true or false"));
    return null;
  }

  /** An object of string values; names are checked later, with the spec, by EnvNames. */
  private static Map<String, String> map(
      JsonObject in, String key, List<Problem.FieldError> errors) {
    JsonValue value = in.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      errors.add(new Problem.FieldError("/" + key, "must be an object of names to strings"));
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    object.forEach(
        (name, v) -> {
          if (v instanceof JsonString s) {
            result.put(name, s.getString());
          } else {
            errors.add(
                new Problem.FieldError(
                    "/" + key + "/" + JsonPointer.escape(name), "must be a string"));
          }
        });
    return result;
  }
}
