package org.aiappstore.app.model;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What only admins do to cards: hand them over to another user. See docs/api/admin.md. */
@Path("v1/admin/cards")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Model cards")
public class AdminCardResource {

  @Inject CardHandover handover;
  @Context HttpServletRequest request;

  /** Body of a hand-over: the new owner's user id and the cards, each with its version. */
  public record OwnerChange(String owner, List<CardHandover.CardRef> cards) {}

  /** Answer of a hand-over: one result per card, in the order given. */
  public record OwnerChangeResults(List<CardHandover.Result> results) {}

  @POST
  @Path("owner")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Hand up to 100 cards (with their demo apps) over to another user; one result per card")
  public OwnerChangeResults changeOwner(OwnerChange body) {
    if (body == null) {
      throw new ProblemException(
          400, "BODY_REQUIRED", "Send {\"owner\": <user id>, \"cards\": [{\"id\", \"version\"}]}.");
    }
    return new OwnerChangeResults(
        handover.handOver(Caller.required(request), body.owner(), body.cards()));
  }
}
