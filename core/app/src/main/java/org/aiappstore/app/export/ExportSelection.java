package org.aiappstore.app.export;

import com.mongodb.client.model.Filters;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which cards an export takes: listed ids, or a filter (owner's username, task, visibility), or all
 * of them; and whether their revisions go along.
 */
record ExportSelection(
    List<String> cardIds,
    String owner,
    String task,
    String visibility,
    boolean all,
    boolean includeRevisions) {

  static final int MAX_IDS = 10_000;
  private static final Set<String> FIELDS = Set.of("cardIds", "filter", "all", "includeRevisions");
  private static final Set<String> FILTER_FIELDS = Set.of("owner", "task", "visibility");

  /** Parses the request body; 422 with a pointer per invalid field. */
  static ExportSelection parse(JsonObject body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (body == null) {
      throw ProblemException.field(422, "INVALID_EXPORT", "", "A JSON body is required.");
    }
    body.keySet().stream()
        .filter(k -> !FIELDS.contains(k))
        .forEach(
            k ->
                errors.add(
                    new Problem.FieldError("/" + JsonPointer.escape(k), "is not a known field")));
    List<String> ids = null;
    JsonValue idsValue = body.get("cardIds");
    if (idsValue != null && idsValue.getValueType() != JsonValue.ValueType.NULL) {
      if (!(idsValue instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_IDS) {
        errors.add(
            new Problem.FieldError("/cardIds", "must be a list of 1 to " + MAX_IDS + " card ids"));
      } else {
        ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i) instanceof JsonString s && !s.getString().isBlank()) {
            ids.add(s.getString());
          } else {
            errors.add(new Problem.FieldError("/cardIds/" + i, "must be a card id"));
          }
        }
      }
    }
    String owner = null;
    String task = null;
    String visibility = null;
    JsonValue filterValue = body.get("filter");
    boolean hasFilter =
        filterValue != null && filterValue.getValueType() != JsonValue.ValueType.NULL;
    if (hasFilter) {
      if (!(filterValue instanceof JsonObject filter)) {
        errors.add(new Problem.FieldError("/filter", "must be an object"));
      } else {
        filter.keySet().stream()
            .filter(k -> !FILTER_FIELDS.contains(k))
            .forEach(
                k ->
                    errors.add(
                        new Problem.FieldError(
                            "/filter/" + JsonPointer.escape(k), "is not a known filter")));
        owner = text(filter, "owner", errors);
        task = text(filter, "task", errors);
        visibility = text(filter, "visibility", errors);
        if (visibility != null && !Set.of("public", "private").contains(visibility)) {
          errors.add(new Problem.FieldError("/filter/visibility", "must be public or private"));
        }
      }
    }
    boolean all = flag(body, "all", errors);
    boolean revisions = flag(body, "includeRevisions", errors);
    int ways = (ids != null ? 1 : 0) + (hasFilter ? 1 : 0) + (all ? 1 : 0);
    if (errors.isEmpty() && ways != 1) {
      errors.add(new Problem.FieldError("", "choose exactly one of cardIds, filter or all: true"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "INVALID_EXPORT", "The export request has invalid fields.", errors, Map.of());
    }
    return new ExportSelection(ids, owner, task, visibility, all, revisions);
  }

  private static String text(JsonObject in, String name, List<Problem.FieldError> errors) {
    JsonValue value = in.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s && !s.getString().isBlank()) {
      return s.getString().trim();
    }
    errors.add(new Problem.FieldError("/filter/" + name, "must be a non-empty string"));
    return null;
  }

  private static boolean flag(JsonObject in, String name, List<Problem.FieldError> errors) {
    JsonValue value = in.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    errors.add(new Problem.FieldError("/" + name, "must be true or false"));
    return false;
  }

  /**
   * The card filter; empty when the owner named does not exist (nothing to export). {@code
   * ownerIdOf} maps a username to a user id.
   */
  Optional<Bson> filter(java.util.function.Function<String, Optional<String>> ownerIdOf) {
    if (cardIds != null) {
      return Optional.of(Filters.in("_id", cardIds));
    }
    if (all) {
      return Optional.of(new Document());
    }
    List<Bson> parts = new ArrayList<>();
    if (owner != null) {
      Optional<String> ownerId = ownerIdOf.apply(owner);
      if (ownerId.isEmpty()) {
        return Optional.empty();
      }
      parts.add(Filters.eq("ownerId", ownerId.get()));
    }
    if (task != null) {
      parts.add(Filters.eq("content.task", task));
    }
    if (visibility != null) {
      parts.add(Filters.eq("content.visibility", visibility));
    }
    return Optional.of(parts.isEmpty() ? new Document() : Filters.and(parts));
  }

  Document toParams() {
    Document filter = new Document();
    if (owner != null) {
      filter.append("owner", owner);
    }
    if (task != null) {
      filter.append("task", task);
    }
    if (visibility != null) {
      filter.append("visibility", visibility);
    }
    Document params = new Document("includeRevisions", includeRevisions).append("all", all);
    if (cardIds != null) {
      params.append("cardIds", cardIds);
    }
    if (owner != null || task != null || visibility != null) {
      params.append("filter", filter);
    }
    return params;
  }

  static ExportSelection fromParams(Document params) {
    Document filter = params.get("filter", Document.class);
    return new ExportSelection(
        params.getList("cardIds", String.class),
        filter == null ? null : filter.getString("owner"),
        filter == null ? null : filter.getString("task"),
        filter == null ? null : filter.getString("visibility"),
        Boolean.TRUE.equals(params.getBoolean("all")),
        Boolean.TRUE.equals(params.getBoolean("includeRevisions")));
  }
}
