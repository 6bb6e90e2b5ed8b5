package org.aiappstore.app.model;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The task taxonomy cards choose from: everyone reads it, admins change it. */
@Path("v1")
@RequestScoped
@Tag(name = "Model cards")
public class CardCatalogResource {

  @Inject TaskTaxonomy taxonomy;

  @GET
  @Path("tasks")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tasks a card can name")
  public List<String> tasks() {
    return taxonomy.tasks();
  }

  @PUT
  @Path("admin/tasks")
  @RolesAllowed("admin")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the task list (cards keep a task removed later until edited)")
  public List<String> replaceTasks(TaskList body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    List<String> wanted = body == null || body.tasks() == null ? List.of() : body.tasks();
    List<String> stored = taxonomy.replace(wanted, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "INVALID_TASKS", "The task list is invalid.", errors, Map.of());
    }
    return stored;
  }

  /** Body of a task list change. */
  public record TaskList(List<String> tasks) {}
}
