package org.aiappstore.app.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks for admins: register, change, test, and read the delivery log. Secrets go out masked.
 */
@Path("v1/admin/webhooks")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  @Inject WebhookService service;

  @GET
  @Operation(summary = "Registered webhooks, secrets masked")
  public JsonObject list() {
    JsonArrayBuilder items = Json.createArrayBuilder();
    service.list().forEach(h -> items.add(view(h)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("eventTypes", Json.createArrayBuilder(WebhookEvents.SUBSCRIBABLE))
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a webhook: {url, secret, events, enabled}; 422 names each fault")
  public Response create(JsonValue body, @Context UriInfo uri) {
    Webhook created = service.create(body);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(view(created))
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    return withEtag(service.get(id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Replace a webhook; needs If-Match (412 when stale, 428 without); a missing or masked"
              + " secret keeps the stored one")
  public Response update(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonValue body) {
    return withEtag(service.update(id, ifMatch, body));
  }

  private static Response withEtag(Webhook hook) {
    return Response.ok(view(hook))
        .tag(new EntityTag(String.valueOf(hook.version())))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    service.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/test")
  @Operation(summary = "Queue a webhook.test event for this webhook")
  public Response test(@PathParam("id") String id) {
    String delivery = service.test(id);
    return Response.accepted(Json.createObjectBuilder().add("deliveryId", delivery).build())
        .build();
  }

  @GET
  @Path("{id}/deliveries")
  @Operation(summary = "Deliveries of this webhook, newest first, with every attempt")
  public JsonObject deliveries(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") String limit) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int size = QueryParameters.integer(limit, 1, WebhookService.MAX_DELIVERIES, "/limit", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "Some query parameters are invalid.", errors, Map.of());
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    service.deliveries(id, size).forEach(e -> items.add(view(e)));
    return Json.createObjectBuilder().add("items", items).build();
  }

  static JsonObject view(Webhook hook) {
    return Json.createObjectBuilder()
        .add("id", hook.id())
        .add("url", hook.url())
        .add("secret", WebhookInput.MASK)
        .add("events", Json.createArrayBuilder(hook.events()))
        .add("enabled", hook.enabled())
        .add("createdAt", hook.createdAt().toString())
        .add("updatedAt", hook.updatedAt().toString())
        .add("version", hook.version())
        .build();
  }

  static JsonObject view(OutboxEntry entry) {
    JsonArrayBuilder attempts = Json.createArrayBuilder();
    for (OutboxEntry.Attempt a : entry.log()) {
      JsonObjectBuilder attempt =
          Json.createObjectBuilder().add("at", a.at().toString()).add("durationMs", a.durationMs());
      if (a.status() == null) {
        attempt.addNull("status");
      } else {
        attempt.add("status", a.status());
      }
      if (a.error() == null) {
        attempt.addNull("error");
      } else {
        attempt.add("error", a.error());
      }
      attempts.add(attempt);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", entry.id())
            .add("type", entry.type())
            .add("state", entry.state())
            .add("occurredAt", entry.occurredAt().toString())
            .add("attempts", entry.log().size())
            .add("log", attempts);
    instant(
        json,
        "nextAttemptAt",
        OutboxEntry.PENDING.equals(entry.state()) ? entry.nextAttemptAt() : null);
    instant(json, "deliveredAt", entry.deliveredAt());
    return json.build();
  }

  private static void instant(JsonObjectBuilder json, String name, Instant value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }
}
