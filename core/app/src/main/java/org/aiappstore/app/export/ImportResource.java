package org.aiappstore.app.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobJson;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bundle imports: upload (verified at once), then an import job. */
@Path("v1/admin/imports")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Administration")
public class ImportResource {

  @Inject ImportService imports;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  // Any type: the content decides (a non-zip is a 422), and a mislabelled upload gets a useful
  // answer instead of a bare 415.
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Upload a bundle; it is verified (422/413 if not acceptable), then imported by a job")
  public Response upload(
      @QueryParam("conflict") String conflict,
      @QueryParam("fallbackOwner") String fallbackOwner,
      @HeaderParam("Content-Length") String contentLength,
      InputStream body) {
    long length = -1;
    try {
      length = contentLength == null ? -1 : Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      // treated as unknown: the limit still applies while reading
    }
    Job job = imports.submit(Caller.required(request), conflict, fallbackOwner, length, body);
    return Response.accepted(JobJson.toJson(job))
        .location(uriInfo.getBaseUriBuilder().path("v1/admin/imports/{id}").build(job.id()))
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject get(@PathParam("id") String id) {
    return JobJson.toJson(imports.get(id));
  }
}
