package org.aiappstore.app.job;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.security.CallerAuthenticator;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Background jobs for admins: list, one job (with ETag polling), live events, cancel. */
@Path("v1/admin/jobs")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Administration")
public class JobResource {

  @Inject JobService jobs;
  @Inject JobStreams streams;
  @Inject CallerAuthenticator authenticator;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Jobs, newest first, optionally of one type")
  public JsonObject list(
      @QueryParam("type") String type,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "Some query parameters are invalid.", errors, Map.of());
    }
    String wanted = type == null || type.isBlank() ? null : type;
    JsonArrayBuilder items = Json.createArrayBuilder();
    jobs.list(wanted, pageNumber, pageSize).forEach(j -> items.add(JobJson.toJson(j)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("total", jobs.count(wanted))
        .add("page", pageNumber)
        .add("size", pageSize)
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One job; answers 304 to If-None-Match with its current ETag")
  public Response get(
      @PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
    Job job = jobs.get(id);
    EntityTag tag = new EntityTag(String.valueOf(job.version()));
    if (ifNoneMatch != null && ifNoneMatch.trim().equals(job.etag())) {
      return Response.notModified(tag).build();
    }
    return Response.ok(JobJson.toJson(job)).tag(tag).build();
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live progress: 'job' events with the job, then 'end'")
  public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    jobs.get(id); // 404 before the stream opens
    streams.follow(
        id, sink, sse, authenticator.stillSignedInCheck(Caller.required(request), Instant.now()));
  }

  @POST
  @Path("{id}/cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Cancel a queued job, or ask a running one to stop at its next item")
  public JsonObject cancel(@PathParam("id") String id) {
    return JobJson.toJson(jobs.cancel(id));
  }
}
