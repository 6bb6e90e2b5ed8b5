package org.aiappstore.app.webhook;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;

/**
 * A webhook as the admin sent it, checked field by field: every fault is reported with its JSON
 * pointer in one 422. The secret is write-only: on a change, a missing secret or the mask keeps the
 * stored one.
 */
record WebhookInput(String url, String secret, List<String> events, boolean enabled) {

  static final String MASK = "********";
  static final int MAX_URL = 2000;
  static final Set<String> FIELDS = Set.of("url", "secret", "events", "enabled");

  /**
   * @param stored the webhook being changed, or null when creating
   */
  static WebhookInput parse(JsonValue body, Webhook stored, HostAllowList allowList) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
      throw invalid(List.of(new Problem.FieldError("", "must be a JSON object")));
    }
    JsonObject json = body.asJsonObject();
    for (String name : json.keySet()) {
      if (!FIELDS.contains(name)) {
        errors.add(
            new Problem.FieldError("/" + JsonPointer.escape(name), "is not a webhook field"));
      }
    }
    String url = string(json, "url", errors);
    if (url == null) {
      if (!json.containsKey("url") || json.isNull("url")) {
        errors.add(new Problem.FieldError("/url", "is required"));
      }
    } else if (url.length() > MAX_URL) {
      errors.add(new Problem.FieldError("/url", "is at most " + MAX_URL + " characters"));
    } else {
      allowList.refusal(url).ifPresent(why -> errors.add(new Problem.FieldError("/url", why)));
    }
    String secret = string(json, "secret", errors);
    if (secret == null || MASK.equals(secret)) {
      if (stored != null) {
        secret = stored.secret();
      } else if (!errors.stream().anyMatch(e -> e.pointer().equals("/secret"))) {
        errors.add(new Problem.FieldError("/secret", "is required"));
      }
    } else if (secret.length() < 16 || secret.length() > 256) {
      errors.add(new Problem.FieldError("/secret", "must be 16 to 256 characters"));
    }
    List<String> events = events(json, errors);
    boolean enabled = true;
    if (json.containsKey("enabled") && !json.isNull("enabled")) {
      JsonValue value = json.get("enabled");
      if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
        enabled = value == JsonValue.TRUE;
      } else {
        errors.add(new Problem.FieldError("/enabled", "must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new WebhookInput(url.trim(), secret, events, enabled);
  }

  private static String string(JsonObject json, String name, List<Problem.FieldError> errors) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      errors.add(new Problem.FieldError("/" + name, "must be a string"));
      return null;
    }
    return ((JsonString) value).getString();
  }

  private static List<String> events(JsonObject json, List<Problem.FieldError> errors) {
    JsonValue value = json.get("events");
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      errors.add(
          new Problem.FieldError(
              "/events", "must be a list of event types: " + WebhookEvents.SUBSCRIBABLE));
      return List.of();
    }
    JsonArray array = value.asJsonArray();
    if (array.isEmpty()) {
      errors.add(new Problem.FieldError("/events", "must name at least one event type"));
    }
    Set<String> events = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue item = array.get(i);
      if (item.getValueType() == JsonValue.ValueType.STRING
          && WebhookEvents.SUBSCRIBABLE.contains(((JsonString) item).getString())) {
        events.add(((JsonString) item).getString());
      } else {
        errors.add(
            new Problem.FieldError(
                "/events/" + i, "must be one of " + String.join(", ", WebhookEvents.SUBSCRIBABLE)));
      }
    }
    return List.copyOf(events);
  }

  private static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        422, "VALIDATION_FAILED", "The webhook is invalid.", errors, java.util.Map.of());
  }
}
