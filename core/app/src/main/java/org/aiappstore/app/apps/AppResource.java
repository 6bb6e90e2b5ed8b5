package org.aiappstore.app.apps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.apps.proxy.AppOrigins;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.security.CallerAuthenticator;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Demo apps: {@code /api/v1/apps}. See docs/api/apps.md. Event streams take the bearer token in the
 * {@code Authorization} header like every other call (the web app uses fetch-event-source), never
 * in the URL, where it would end up in access logs.
 */
@Path("v1/apps")
@RequestScoped
@Tag(name = "Apps")
public class AppResource {

  @Inject AppService service;
  @Inject AppStreams streams;
  @Inject AppOrigins origins;
  @Inject CallerAuthenticator authenticator;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Deploy an app, as a preview (no cardId) or as a card's demo")
  public Response create(JsonObject input) {
    Caller caller = Caller.required(request);
    App app = service.create(caller, parse(input, true));
    return Response.created(uriInfo.getBaseUriBuilder().path("v1/apps/{id}").build(app.id()))
        .entity(json(app, true))
        .build();
  }

  @GET
  @Path("backends")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The deployment backends with their capabilities, and the admin's maxima")
  public JsonObject backends() {
    Caller caller = Caller.required(request);
    return AppJson.backends(
        service.backends(),
        service.limits(),
        service.quotas(),
        service.usage(caller),
        service.backendChoice());
  }

  @POST
  @Path("preview")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The manifests a create would apply, secret values masked; nothing applied")
  public JsonObject preview(JsonObject input) {
    return AppJson.manifests(service.preview(Caller.required(request), parse(input, true)));
  }

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Your apps, newest first; an admin sees everyone's unless owner=me")
  public JsonObject list(
      @QueryParam("owner") String owner,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (owner != null && !owner.equals("me")) {
      errors.add(new Problem.FieldError("/owner", "Only owner=me is supported."));
    }
    invalidQueryIfAny(errors);
    Caller caller = Caller.required(request);
    AppService.AppPage found = service.list(caller, "me".equals(owner), pageNumber, pageSize);
    JsonArrayBuilder items = Json.createArrayBuilder();
    found.items().forEach(a -> items.add(json(a, true)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("total", found.total())
        .add("page", found.page())
        .add("size", found.size())
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One app; its environment only to its owner and admins")
  public JsonObject get(@PathParam("id") String id) {
    AppService.Access access = service.find(Caller.required(request), id);
    return json(access.app(), access.manage());
  }

  @GET
  @Path("{id}/status")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Phase, readiness, replicas and a message; pods and events to its managers")
  public JsonObject status(@PathParam("id") String id) {
    return statusOf(service.find(Caller.required(request), id));
  }

  @GET
  @Path("{id}/status/stream")
  @RolesAllowed("user")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events: 'status' whenever the status changes, until you leave")
  public void statusStream(
      @PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    Caller caller = Caller.required(request);
    service.find(caller, id);
    streams.status(
        caller.userId(),
        sink,
        sse,
        authenticator.stillSignedInCheck(caller, Instant.now()),
        () -> visible(caller, id).map(this::statusOf));
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed("user")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change image, port, env, resources or replicas: a rolling update")
  public JsonObject update(@PathParam("id") String id, JsonObject input) {
    return json(service.update(Caller.required(request), id, parse(input, false)), true);
  }

  @POST
  @Path("{id}/scale")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the instances to run now, 0 (where supported) to maxReplicas")
  public JsonObject scale(@PathParam("id") String id, JsonObject input) {
    JsonValue replicas = input == null ? null : input.get("replicas");
    if (!(replicas instanceof JsonNumber number) || !number.isIntegral()) {
      throw ProblemException.field(422, "INVALID_APP", "/replicas", "must be a whole number");
    }
    int wanted;
    try {
      wanted = number.intValueExact();
    } catch (ArithmeticException e) {
      throw ProblemException.field(422, "INVALID_APP", "/replicas", "is out of range");
    }
    return AppJson.status(service.scale(Caller.required(request), id, wanted));
  }

  @POST
  @Path("{id}/restore")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Re-apply the app's objects: re-create deleted ones, reset changed ones")
  public JsonObject restore(@PathParam("id") String id) {
    return json(service.restore(Caller.required(request), id), true);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("user")
  @Operation(summary = "Delete the app and all its objects")
  public Response delete(@PathParam("id") String id) {
    service.delete(Caller.required(request), id);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/logs")
  @RolesAllowed("user")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events: 'line' per new log line, 'end' when the log ends")
  public void logs(
      @PathParam("id") String id,
      @QueryParam("follow") @DefaultValue("false") String follow,
      @QueryParam("tail") String tail,
      @QueryParam("since") String since,
      @QueryParam("pod") String pod,
      @QueryParam("container") String container,
      @Context SseEventSink sink,
      @Context Sse sse) {
    LogRequest logRequest = logRequest(follow, tail, since, pod, container);
    Caller caller = Caller.required(request);
    // Checked here, on the request thread, so that a refusal is a plain problem response.
    service.manageable(caller, id);
    Runnable signedIn = authenticator.stillSignedInCheck(caller, Instant.now());
    streams.logs(
        caller.userId(),
        sink,
        sse,
        () -> {
          signedIn.run();
          service.manageable(caller, id);
        },
        listener -> service.logs(caller, id, logRequest, listener));
  }

  /** An app's JSON with the instant a preview expires. */
  private JsonObject json(App app, boolean manage) {
    return AppJson.expiring(
        AppJson.app(app, manage, origins.proxyUrl(app.id())), service.expiresAt(app).orElse(null));
  }

  private Optional<AppService.Access> visible(Caller caller, String id) {
    try {
      return Optional.of(service.find(caller, id));
    } catch (ProblemException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JsonObject statusOf(AppService.Access access) {
    return service
        .statusFor(access)
        .map(AppJson::status)
        .orElseGet(() -> AppJson.missing(access.app()));
  }

  static LogRequest logRequest(
      String follow, String tail, String since, String pod, String container) {
    List<Problem.FieldError> errors = new ArrayList<>();
    boolean following = false;
    if ("true".equalsIgnoreCase(follow)) {
      following = true;
    } else if (!"false".equalsIgnoreCase(follow)) {
      errors.add(new Problem.FieldError("/follow", "Give true or false."));
    }
    Integer tailLines =
        tail == null
            ? null
            : QueryParameters.integer(tail, 0, LogRequest.MAX_TAIL_LINES, "/tail", errors);
    Instant from = null;
    if (since != null && !since.isBlank()) {
      from = instant(since.strip(), errors);
    }
    invalidQueryIfAny(errors);
    try {
      return new LogRequest(tailLines, from, pod, container, following);
    } catch (org.aiappstore.plugin.api.error.PlatformException e) {
      throw new ProblemException(400, "INVALID_QUERY", e.getMessage());
    }
  }

  /**
   * An instant ({@code 2026-01-01T10:00:00Z}) or an age ({@code PT10M}, {@code 10m}, {@code 2h}).
   */
  private static Instant instant(String since, List<Problem.FieldError> errors) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      // not an instant; maybe an age
    }
    try {
      Duration age =
          since.matches("\\d{1,6}[smh]")
              ? Duration.parse("PT" + since.toUpperCase(java.util.Locale.ROOT))
              : Duration.parse(since);
      if (!age.isNegative()) {
        return Instant.now().minus(age);
      }
    } catch (DateTimeException | ArithmeticException e) {
      // not a duration, or one reaching back before the earliest instant: reported below
    }
    errors.add(
        new Problem.FieldError(
            "/since", "Give an instant (2026-01-01T10:00:00Z) or an age (10m, 2h, PT30S)."));
    return null;
  }

  private static AppInput parse(JsonObject input, boolean creating) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AppInput parsed = AppInput.parse(input, creating, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "INVALID_APP", "The app has invalid fields.", errors, Map.of());
    }
    return parsed;
  }

  private static void invalidQueryIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
  }
}
