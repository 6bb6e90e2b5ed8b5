package org.aiappstore.app.apps.proxy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.aiappstore.app.apps.AppService;
import org.aiappstore.app.identity.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/apps/{id}/access}: lets the browser of a user who may read the app open it in
 * a frame, which cannot send the web app's bearer token. Same rule as reading the app: 404 to
 * whoever may not. With apps on the platform's origin, the answer sets the app's ticket cookie
 * there; with apps on origins of their own ({@link AppOrigin}), it gives an {@code enterUrl} on the
 * app's host, a link valid for a minute that sets the cookie there and goes on to the app. Either
 * ticket rests on the credential the caller presented, and ends with it (sign-out, revocation).
 */
@Path("v1/apps/{id}/access")
@RequestScoped
@Tag(name = "Apps")
public class AppAccessResource {

  @Inject AppService service;
  @Inject AppTickets tickets;
  @Inject AppOrigins origins;
  @Context HttpServletRequest request;

  @POST
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Let this browser open the app in a frame or a tab")
  public Response grant(@PathParam("id") String id) {
    Caller caller = Caller.required(request);
    String appId = service.find(caller, id).app().id();
    Grant grant = grant(appId, caller, origins.origin(), tickets, Instant.now());
    Response.ResponseBuilder answer = Response.ok(grant.body()).header("Cache-Control", "no-store");
    grant.cookie().ifPresent(c -> answer.header("Set-Cookie", c));
    return answer.build();
  }

  /** What the answer says, and the cookie it sets if any. */
  record Grant(JsonObject body, Optional<String> cookie) {}

  static Grant grant(
      String appId, Caller caller, Optional<AppOrigin> origin, AppTickets tickets, Instant now) {
    if (origin.isPresent()) {
      AppTickets.Ticket entry = tickets.issueEntry(appId, caller.userId(), caller.credential());
      return new Grant(
          Json.createObjectBuilder()
              .add("proxyUrl", origin.get().proxyUrl(appId))
              .add(
                  "enterUrl",
                  origin.get().of(appId) + AppHostFilter.ENTER_PATH + "?ticket=" + entry.value())
              .add("expiresAt", entry.expires().toString())
              // The cookie the link sets lasts this long at least: renew it before then.
              .add("cookieExpiresAt", tickets.cookieExpiry(caller.credential()).toString())
              .build(),
          Optional.empty());
    }
    AppTickets.Ticket ticket = tickets.issue(appId, caller.userId(), caller.credential());
    return new Grant(
        Json.createObjectBuilder()
            .add("proxyUrl", AppProxyServlet.prefix(appId))
            .add("expiresAt", ticket.expires().toString())
            .build(),
        Optional.of(AppTickets.cookie(appId, ticket, now)));
  }
}
