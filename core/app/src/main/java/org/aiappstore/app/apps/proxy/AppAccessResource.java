package org.aiappstore.app.apps.proxy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.aiappstore.app.apps.AppService;
import org.aiappstore.app.identity.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/apps/{id}/access}: exchanges the web app's bearer token for an app ticket
 * cookie, so that an iframe showing the app (which cannot send the token) reaches a private app
 * through the proxy. Same rule as reading the app: 404 to whoever may not.
 */
@Path("v1/apps/{id}/access")
@RequestScoped
@Tag(name = "Apps")
public class AppAccessResource {

  @Inject AppService service;
  @Inject AppTickets tickets;
  @Context HttpServletRequest request;

  @POST
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the cookie that lets this browser open the app at /apps/{id}/")
  public Response grant(@PathParam("id") String id) {
    Caller caller = Caller.required(request);
    String appId = service.find(caller, id).app().id();
    AppTickets.Ticket ticket = tickets.issue(appId, caller.userId());
    return Response.ok(
            Json.createObjectBuilder()
                .add("proxyUrl", AppProxyServlet.prefix(appId))
                .add("expiresAt", ticket.expires().toString())
                .build())
        .header("Set-Cookie", AppTickets.cookie(appId, ticket, Instant.now()))
        .header("Cache-Control", "no-store")
        .build();
  }
}
