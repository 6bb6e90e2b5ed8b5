package org.aiappstore.app.system;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.aiappstore.plugin.api.PluginApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server identity for the web app's About page and for support requests. */
@Path("v1/about")
@PermitAll
@RequestScoped
@Tag(name = "System")
public class AboutResource {

  /** What a person needs to know about the running server. */
  public record About(
      String name,
      String version,
      String pluginApiVersion,
      Instant startedAt,
      Instant installedAt,
      long startCount) {}

  @Inject InstallationRegistry installations;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Server name, version, plugin API version and installation facts")
  public About about() {
    Installation installation = installations.current();
    return new About(
        "AI App Store",
        BuildInfo.version(),
        PluginApi.VERSION,
        installation.getLastStartedAt(),
        installation.getInstalledAt(),
        installation.getStartCount());
  }
}
