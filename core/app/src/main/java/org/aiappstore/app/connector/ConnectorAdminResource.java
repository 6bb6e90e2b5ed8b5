package org.aiappstore.app.connector;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin console API for connector instances. */
@Path("v1/admin/connectors")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Plugins")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorAdminResource {

  @Inject ConnectorInstanceService service;

  @GET
  @Operation(summary = "Connector instances, secrets masked, with the active data connector marked")
  public List<ConnectorInstanceView> list() {
    return service.list();
  }

  @GET
  @Path("{id}")
  public ConnectorInstanceView get(@PathParam("id") String id) {
    return service.get(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an instance; 422 names each invalid config key")
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") ConnectorInstanceRequest request,
      @jakarta.ws.rs.core.Context UriInfo uri) {
    ConnectorInstanceView created = service.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change an instance; a masked secret keeps the stored one")
  public ConnectorInstanceView update(
      @PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") ConnectorInstanceRequest request) {
    return service.update(id, request);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    service.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/test")
  @Operation(summary = "Test the connection: {ok, retryable, detail, durationMs}")
  public ConnectionCheck test(@PathParam("id") String id) {
    return service.test(id);
  }

  @POST
  @Path("{id}/activate")
  @Operation(summary = "Store new media and bundles through this data connector")
  public ConnectorInstanceView activate(@PathParam("id") String id) {
    return service.activate(id);
  }
}
