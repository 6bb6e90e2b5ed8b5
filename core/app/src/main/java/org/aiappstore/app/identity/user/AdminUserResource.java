package org.aiappstore.app.identity.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** User administration for admins: list, create, edit, reset password, delete, bulk actions. */
@Path("v1/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Identity")
public class AdminUserResource {

  private static final Set<String> SORTS =
      Set.of("username", "-username", "displayName", "-displayName", "createdAt", "-createdAt");
  private static final Set<String> PATCHABLE = Set.of("displayName", "email", "roles", "disabled");
  private static final int MAX_BULK = 100;

  /** A new password set by an admin. */
  public record PasswordReset(String password) {}

  /** Ids and the roles each of them gets. */
  public record BulkRoles(List<String> ids, List<String> roles) {}

  /** Ids to delete. */
  public record BulkDelete(List<String> ids) {}

  /** The outcome for one id of a bulk action. */
  @JsonbPropertyOrder({"id", "ok", "status", "code", "detail"})
  public record BulkResult(String id, boolean ok, int status, String code, String detail) {}

  /** The outcomes of a bulk action, in the order of the ids. */
  public record BulkResults(List<BulkResult> results) {}

  @Inject UserAdministration administration;
  @Inject UserRepository users;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Search users; q matches username and display name as literal text")
  public UserPage list(
      @QueryParam("q") String q,
      @QueryParam("role") String role,
      @QueryParam("createdAfter") String createdAfter,
      @QueryParam("createdBefore") String createdBefore,
      @QueryParam("sort") @DefaultValue("username") String sort,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (role != null && !Role.ALL.contains(role)) {
      errors.add(new Problem.FieldError("/role", "The role is 'user' or 'admin'."));
    }
    if (!SORTS.contains(sort)) {
      errors.add(new Problem.FieldError("/sort", "Sort by one of " + String.join(", ", SORTS)));
    }
    Instant after = instant(createdAfter, "/createdAfter", errors);
    Instant before = instant(createdBefore, "/createdBefore", errors);
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
    boolean descending = sort.startsWith("-");
    return users.search(
        new UserQuery(
            q,
            role,
            after,
            before,
            descending ? sort.substring(1) : sort,
            descending,
            pageNumber,
            pageSize));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a user with a password (needs a session, not an API token)")
  public Response create(NewUser body) {
    // Every new user gets a password: a credential, which a personal API token may not mint.
    Caller.required(request).requireSession("create users");
    if (body == null) {
      throw new ProblemException(422, "VALIDATION_FAILED", "A JSON body is required.");
    }
    UserView created = UserView.of(administration.create(body));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One user")
  public UserView get(@PathParam("id") String id) {
    return UserView.of(administration.get(id));
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change display name, email, roles or disabled; disabling or demoting ends sessions;"
              + " giving the admin role needs a session, not an API token")
  public UserView update(@PathParam("id") String id, JsonObject patch) {
    UserChanges changes = parse(patch);
    requireSessionToGrantAdmin(changes.roles());
    return UserView.of(administration.update(callerId(), id, changes));
  }

  @POST
  @Path("{id}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Set a new password for a user (needs a session, not an API token); ends the user's"
              + " sessions and revokes their API tokens")
  public Response resetPassword(@PathParam("id") String id, PasswordReset body) {
    Caller.required(request).requireSession("set passwords");
    administration.resetPassword(id, body == null ? null : body.password());
    return Response.noContent().build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a user")
  public Response delete(@PathParam("id") String id) {
    administration.delete(callerId(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("bulk-roles")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Give several users the same roles; one result per id (the admin role needs a session,"
              + " not an API token)")
  public BulkResults bulkRoles(BulkRoles body) {
    List<String> ids = bulkIds(body == null ? null : body.ids());
    List<Problem.FieldError> errors = new ArrayList<>();
    UserValidation.roles(body.roles(), errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(422, "VALIDATION_FAILED", "Give valid roles.", errors, Map.of());
    }
    UserChanges changes = UserChanges.rolesOnly(new HashSet<>(body.roles()));
    requireSessionToGrantAdmin(changes.roles());
    String caller = callerId();
    return bulk(ids, 200, id -> administration.update(caller, id, changes));
  }

  @POST
  @Path("bulk-delete")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Delete several users; one result per id")
  public BulkResults bulkDelete(BulkDelete body) {
    List<String> ids = bulkIds(body == null ? null : body.ids());
    String caller = callerId();
    return bulk(ids, 204, id -> administration.delete(caller, id));
  }

  private static BulkResults bulk(List<String> ids, int okStatus, Consumer<String> action) {
    List<BulkResult> results = new ArrayList<>();
    for (String id : ids) {
      try {
        action.accept(id);
        results.add(new BulkResult(id, true, okStatus, null, null));
      } catch (ProblemException e) {
        results.add(new BulkResult(id, false, e.status(), e.code(), e.getMessage()));
      }
    }
    return new BulkResults(results);
  }

  private static List<String> bulkIds(List<String> ids) {
    if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK || ids.contains(null)) {
      throw ProblemException.field(
          422, "VALIDATION_FAILED", "/ids", "Give 1 to " + MAX_BULK + " user ids.");
    }
    return ids;
  }

  /**
   * Making someone an admin hands out what a password would: a leaked admin token could otherwise
   * promote an account of its holder's and keep admin rights after the token is revoked.
   */
  private void requireSessionToGrantAdmin(Optional<Set<String>> roles) {
    if (roles.isPresent() && roles.get().contains(Role.ADMIN)) {
      Caller.required(request).requireSession("give the admin role");
    }
  }

  private String callerId() {
    return Caller.required(request).userId();
  }

  private static UserChanges parse(JsonObject patch) {
    if (patch == null) {
      throw new ProblemException(422, "VALIDATION_FAILED", "A JSON object is required.");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String field : patch.keySet()) {
      if (!PATCHABLE.contains(field)) {
        errors.add(
            new Problem.FieldError(
                "/" + field,
                "password".equals(field)
                    ? "Passwords are set with POST /api/v1/admin/users/{id}/password."
                    : "This field cannot be changed."));
      }
    }
    Optional<String> displayName = Optional.empty();
    Optional<String> email = Optional.empty();
    boolean clearEmail = false;
    Optional<Set<String>> roles = Optional.empty();
    Optional<Boolean> disabled = Optional.empty();
    if (patch.containsKey("displayName")) {
      if (patch.get("displayName") instanceof JsonString s) {
        displayName = Optional.of(s.getString());
      } else {
        errors.add(new Problem.FieldError("/displayName", "The display name is a string."));
      }
    }
    if (patch.containsKey("email")) {
      JsonValue value = patch.get("email");
      if (value == JsonValue.NULL || (value instanceof JsonString s && s.getString().isBlank())) {
        clearEmail = true;
      } else if (value instanceof JsonString s) {
        email = Optional.of(s.getString().trim());
      } else {
        errors.add(new Problem.FieldError("/email", "The email is a string or null."));
      }
    }
    if (patch.containsKey("roles")) {
      JsonValue value = patch.get("roles");
      if (value.getValueType() == JsonValue.ValueType.ARRAY
          && value.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
        Set<String> set = new HashSet<>();
        value.asJsonArray().forEach(v -> set.add(((JsonString) v).getString()));
        roles = Optional.of(set);
      } else {
        errors.add(new Problem.FieldError("/roles", "The roles are an array of strings."));
      }
    }
    if (patch.containsKey("disabled")) {
      JsonValue value = patch.get("disabled");
      if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
        disabled = Optional.of(value == JsonValue.TRUE);
      } else {
        errors.add(new Problem.FieldError("/disabled", "disabled is true or false."));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "VALIDATION_FAILED", "The request has invalid fields.", errors, Map.of());
    }
    return new UserChanges(displayName, email, clearEmail, roles, disabled);
  }

  private static Instant instant(String value, String pointer, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(
          new Problem.FieldError(pointer, "Use an ISO-8601 instant such as 2026-01-31T00:00:00Z."));
      return null;
    }
  }
}
