package org.aiappstore.app.plugin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorFactory;
import org.aiappstore.plugin.api.error.PlatformException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The connector factories the started plugins offer, with the config schema that drives the admin
 * console's generated forms, and validation of a config against that schema and by the factory.
 */
@Path("v1/connector-factories")
@RolesAllowed("admin")
@RequestScoped
@Tag(name = "Plugins")
public class ConnectorFactoryResource {

  /** A factory as the console shows it. */
  public record FactoryView(
      String kind,
      String id,
      String displayName,
      String description,
      String docsUrl,
      List<String> capabilities,
      List<org.aiappstore.plugin.api.config.ConfigProperty> configSchema) {}

  /** A config to check; values are strings, as the generic form sends them. */
  public record ValidationRequest(
      @NotNull(message = "must be an object of settings") Map<String, String> config) {}

  /** The outcome of a successful validation: the config with defaults applied, secrets masked. */
  public record ValidationResult(boolean valid, String normalized) {}

  @Inject ConnectorCatalog catalog;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Connector factories of every started plugin")
  public List<FactoryView> factories() {
    return catalog.all().stream().map(ConnectorFactoryResource::view).toList();
  }

  @POST
  @Path("{kind}/{id}/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Validate a connector config; 422 names each invalid field")
  public ValidationResult validate(
      @PathParam("kind") String kind,
      @PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") ValidationRequest request) {
    ConnectorCatalog.Entry factory =
        catalog
            .find(kind, id)
            .orElseThrow(
                () ->
                    PlatformException.notFound(
                        "No started " + kind + " factory with id '" + id + "'."));
    return new ValidationResult(true, factory.validate(request.config()).toString());
  }

  private static FactoryView view(ConnectorCatalog.Entry entry) {
    ConnectorFactory<?, ?> factory = entry.factory();
    var descriptor = factory.descriptor();
    return new FactoryView(
        entry.kind(),
        descriptor.id(),
        descriptor.displayName(),
        descriptor.description(),
        descriptor.docsUrl(),
        factory.capabilities().stream().map(Enum::name).sorted().toList(),
        factory.configSchema().properties());
  }
}
