package org.aiappstore.app.plugin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The installed plugins, for admins. */
@Path("v1/plugins")
@RolesAllowed("admin")
@RequestScoped
@Tag(name = "Plugins")
public class PluginResource {

  @Inject PluginHost host;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Installed plugins with version, state, failure reason and extensions")
  public List<PluginView> plugins() {
    return host.plugins();
  }
}
