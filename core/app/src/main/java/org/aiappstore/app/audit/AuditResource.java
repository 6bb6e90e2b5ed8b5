package org.aiappstore.app.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log for admins: filters, newest first, cursor paging. */
@Path("v1/admin/audit")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Administration")
public class AuditResource {

  @Inject AuditLog log;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Audit records, newest first; filter by actor, action (prefix), target, from/to;"
              + " follow 'next' for the next page")
  public JsonObject list(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int size = QueryParameters.integer(limit, 1, 500, "/limit", errors);
    Instant fromInstant = instant(from, "/from", errors);
    Instant toInstant = instant(to, "/to", errors);
    AuditQuery.Cursor after = null;
    if (cursor != null && !cursor.isBlank()) {
      after = AuditQuery.Cursor.decode(cursor.trim()).orElse(null);
      if (after == null) {
        errors.add(new Problem.FieldError("/cursor", "is not a cursor this API gave out"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "Some query parameters are invalid.", errors, Map.of());
    }
    List<AuditRecord> found =
        log.find(
            new AuditQuery(
                blankToNull(actor),
                blankToNull(action),
                blankToNull(target),
                fromInstant,
                toInstant,
                after,
                size + 1));
    boolean more = found.size() > size;
    List<AuditRecord> page = more ? found.subList(0, size) : found;
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(r -> items.add(toJson(r)));
    JsonObjectBuilder body = Json.createObjectBuilder().add("items", items);
    if (more) {
      AuditRecord last = page.get(page.size() - 1);
      body.add("next", new AuditQuery.Cursor(last.at(), last.id()).encode());
    } else {
      body.addNull("next");
    }
    return body.build();
  }

  private static JsonObject toJson(AuditRecord r) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", r.id()).add("at", r.at().toString());
    add(json, "actorId", r.actorId());
    add(json, "actor", r.actor());
    add(json, "action", r.action());
    add(json, "target", r.target());
    add(json, "outcome", r.outcome());
    if (r.status() == null) {
      json.addNull("status");
    } else {
      json.add("status", r.status());
    }
    add(json, "clientAddress", r.clientAddress());
    return json.build();
  }

  private static void add(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Instant instant(String value, String pointer, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(
          new Problem.FieldError(pointer, "must be an ISO-8601 instant like 2026-01-31T12:00:00Z"));
      return null;
    }
  }
}
