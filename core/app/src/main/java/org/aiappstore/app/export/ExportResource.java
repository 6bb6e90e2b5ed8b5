package org.aiappstore.app.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobJson;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Card exports: start one (a job), follow it under /admin/jobs, download and delete its bundle. */
@Path("v1/admin/exports")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Administration")
public class ExportResource {

  @Inject ExportService exports;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Export cards (cardIds, filter or all) into a bundle; answers the job")
  public Response create(JsonObject body) {
    Job job = exports.submit(Caller.required(request), body);
    return Response.accepted(JobJson.toJson(job))
        .location(uriInfo.getBaseUriBuilder().path("v1/admin/exports/{id}").build(job.id()))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exports, newest first")
  public JsonObject list(
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "Some query parameters are invalid.", errors, Map.of());
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    exports.list(pageNumber, pageSize).forEach(j -> items.add(JobJson.toJson(j)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("total", exports.count())
        .add("page", pageNumber)
        .add("size", pageSize)
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject get(@PathParam("id") String id) {
    return JobJson.toJson(exports.get(id));
  }

  @GET
  @Path("{id}/bundle")
  @Produces("application/zip")
  @Operation(summary = "Download the bundle, streamed from storage")
  public Response bundle(@PathParam("id") String id) {
    ExportService.Bundle bundle = exports.bundle(id);
    StreamingOutput body =
        out -> {
          try (var object = bundle.object();
              InputStream in = object.stream()) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, "application/zip")
        .header("Content-Length", bundle.object().info().size())
        .header("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete the stored bundle, then the record (kept and marked if storage fails)")
  public Response delete(@PathParam("id") String id) {
    exports.delete(id);
    return Response.noContent().build();
  }
}
