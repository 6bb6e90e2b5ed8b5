package org.aiappstore.app.identity.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Finding people to share a card with: any signed-in user may look others up, but sees only names
 * (never email, roles or status), only of enabled users, and only a few at a time.
 */
@Path("v1/users/lookup")
@RequestScoped
@Tag(name = "Users")
public class UserDirectoryResource {

  static final int QUERY_MAX = 100;

  @Inject UserRepository users;

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Users whose username or display name contains the text")
  public Matches lookup(
      @QueryParam("query") String query, @QueryParam("size") @DefaultValue("10") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int limit = QueryParameters.integer(size, 1, 20, "/size", errors);
    if (query == null || query.isBlank() || query.length() > QUERY_MAX) {
      errors.add(new Problem.FieldError("/query", "must be 1 to " + QUERY_MAX + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
    UserQuery search = new UserQuery(query, null, null, null, "username", false, 0, limit * 2);
    List<Match> matches =
        users.search(search).items().stream()
            .filter(u -> !u.disabled())
            .limit(limit)
            .map(u -> new Match(u.id(), u.username(), u.displayName()))
            .toList();
    return new Matches(matches);
  }

  /** One user found. */
  public record Match(String id, String username, String displayName) {}

  /** The users found. */
  public record Matches(List<Match> items) {}
}
