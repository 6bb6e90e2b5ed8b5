package org.aiappstore.app.model;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Model cards: {@code /api/v1/models/{owner}/{slug}} with its history. Reads answer an ETag (the
 * version); writes need it back in {@code If-Match}. See docs/api/model-cards.md.
 */
@Path("v1/models")
@RequestScoped
@Tag(name = "Model cards")
public class CardResource {

  static final String MERGE_PATCH = "application/merge-patch+json";
  static final int BULK_MAX = 100;

  @Inject CardService service;
  @Inject CardViews views;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Publish a new model card; the slug comes from the title unless given")
  public Response create(JsonObject input) {
    Caller caller = Caller.required(request);
    ModelCard card = service.create(caller, requireBody(input));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("v1/models/{owner}/{slug}")
                .build(caller.username(), card.slug()))
        .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(card.version())))
        .entity(views.card(card, caller))
        .build();
  }

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Cards you may see, most recently updated first; owner=me for your own")
  public JsonObject list(
      @QueryParam("owner") String owner,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
    return views.page(service.list(Caller.required(request), owner, pageNumber, pageSize));
  }

  @GET
  @Path("{owner}/{slug}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One card, with its ETag")
  public Response get(@PathParam("owner") String owner, @PathParam("slug") String slug) {
    Caller caller = Caller.required(request);
    return withEtag(service.readable(caller, owner, slug), caller);
  }

  @PUT
  @Path("{owner}/{slug}")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace every writable field; needs If-Match")
  public Response replace(
      @PathParam("owner") String owner,
      @PathParam("slug") String slug,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonObject input) {
    Caller caller = Caller.required(request);
    return withEtag(
        service.update(caller, owner, slug, ifMatch, requireBody(input), false), caller);
  }

  @PATCH
  @Path("{owner}/{slug}")
  @RolesAllowed("user")
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change some fields with a JSON merge patch (RFC 7396); needs If-Match")
  public Response patch(
      @PathParam("owner") String owner,
      @PathParam("slug") String slug,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonObject input) {
    Caller caller = Caller.required(request);
    return withEtag(service.update(caller, owner, slug, ifMatch, requireBody(input), true), caller);
  }

  @DELETE
  @Path("{owner}/{slug}")
  @RolesAllowed("user")
  @Operation(summary = "Delete a card with its history (owner or admin); honours If-Match")
  public Response delete(
      @PathParam("owner") String owner,
      @PathParam("slug") String slug,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    service.delete(Caller.required(request), owner, slug, ifMatch);
    return Response.noContent().build();
  }

  @POST
  @Path("bulk-delete")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Delete several cards by id; one result per id (204, 403 or 404)")
  public BulkResults bulkDelete(BulkDelete body) {
    List<String> ids = body == null || body.ids() == null ? List.of() : body.ids();
    if (ids.isEmpty() || ids.size() > BULK_MAX || ids.stream().anyMatch(id -> id == null)) {
      throw ProblemException.field(
          422, "INVALID_BULK", "/ids", "must list 1 to " + BULK_MAX + " card ids");
    }
    return new BulkResults(service.bulkDelete(Caller.required(request), ids));
  }

  @GET
  @Path("{owner}/{slug}/revisions")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The card's changes, newest first")
  public JsonObject revisions(@PathParam("owner") String owner, @PathParam("slug") String slug) {
    return views.revisions(service.revisions(Caller.required(request), owner, slug));
  }

  @GET
  @Path("{owner}/{slug}/revisions/{number}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One revision with the card as it was then")
  public JsonObject revision(
      @PathParam("owner") String owner,
      @PathParam("slug") String slug,
      @PathParam("number") String number) {
    Caller caller = Caller.required(request);
    long revisionNumber = revisionNumber(number);
    ModelCard card = service.readable(caller, owner, slug);
    return views.revisionWithCard(
        card, service.revision(caller, owner, slug, revisionNumber), caller);
  }

  @POST
  @Path("{owner}/{slug}/revisions/{number}/restore")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Bring back a revision's content as a new revision; needs If-Match")
  public Response restore(
      @PathParam("owner") String owner,
      @PathParam("slug") String slug,
      @PathParam("number") String number,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Caller caller = Caller.required(request);
    return withEtag(service.restore(caller, owner, slug, revisionNumber(number), ifMatch), caller);
  }

  private Response withEtag(ModelCard card, Caller caller) {
    return Response.ok(views.card(card, caller))
        .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(card.version())))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  private static long revisionNumber(String number) {
    try {
      long value = Long.parseLong(number);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(404, "REVISION_NOT_FOUND", "The card has no such revision.");
  }

  private static JsonObject requireBody(JsonObject input) {
    if (input == null) {
      throw new ProblemException(400, "BODY_REQUIRED", "Send the card as a JSON object.");
    }
    return input;
  }

  /** Body of a bulk delete. */
  public record BulkDelete(List<String> ids) {}

  /** Answer of a bulk delete. */
  public record BulkResults(List<CardService.BulkResult> results) {}
}
