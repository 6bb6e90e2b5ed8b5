package org.aiappstore.app.identity.apitoken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own personal API tokens. */
@Path("v1/auth/tokens")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Tag(name = "Identity")
public class PersonalTokenResource {

  /** What to create: a label, read or write, and a lifetime. */
  public record NewToken(String name, String scope, Integer expiresInDays) {}

  @Inject PersonalTokenStore tokens;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Your personal API tokens (never the secrets)")
  public List<PersonalTokenView> list() {
    return tokens.list(Caller.required(request).userId());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a token; its secret is in this answer only")
  public Response create(NewToken body) {
    Caller caller = Caller.required(request).requireSession("create API tokens");
    List<Problem.FieldError> errors = new ArrayList<>();
    String name = body == null || body.name() == null ? "" : body.name().trim();
    if (name.isEmpty() || name.length() > 60) {
      errors.add(new Problem.FieldError("/name", "Give a name of 1 to 60 characters."));
    }
    String scope = body == null ? null : body.scope();
    if (!PersonalTokenStore.READ.equals(scope) && !PersonalTokenStore.WRITE.equals(scope)) {
      errors.add(new Problem.FieldError("/scope", "The scope is 'read' or 'write'."));
    }
    Integer days = body == null ? null : body.expiresInDays();
    if (days == null || days < 1 || days > 365) {
      errors.add(new Problem.FieldError("/expiresInDays", "Give 1 to 365 days."));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422,
          "VALIDATION_FAILED",
          "The request has " + errors.size() + " invalid field(s).",
          errors,
          Map.of());
    }
    PersonalTokenView created = tokens.create(caller.userId(), name, scope, days);
    return Response.status(201).entity(created).header("Cache-Control", "no-store").build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke one of your tokens")
  public Response revoke(@PathParam("id") String id) {
    Caller caller = Caller.required(request).requireSession("revoke API tokens");
    if (!tokens.delete(caller.userId(), id)) {
      throw new ProblemException(404, "TOKEN_NOT_FOUND", "You have no API token with this id.");
    }
    return Response.noContent().build();
  }
}
