package org.aiappstore.app.experiment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Experiments and datasets of the trackers behind the experiment connectors. Unknown ids are 404
 * problems; an unreachable or slow tracker is 503 or 504 with {@code retryable}.
 */
@Path("v1")
@RequestScoped
@Tag(name = "Experiments")
public class ExperimentResource {

  static final int TEXT_MAX = 200;
  static final int TAGS_MAX = 20;

  @Inject ExperimentService experiments;

  @GET
  @Path("experiment-connectors")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The experiment connectors cards can link to, with their capabilities")
  public List<ExperimentService.ConnectorSummary> connectors() {
    return experiments.connectors();
  }

  @GET
  @Path("experiments/{connector}/{id}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One experiment: parameters, metrics, scalars and plots as Plotly figures")
  public JsonObject experiment(
      @PathParam("connector") String connector,
      @PathParam("id") String id,
      @Parameter(description = "true reads the tracker again instead of the cached copy")
          @QueryParam("fresh")
          boolean fresh) {
    return experiments.experiment(connector, id, fresh);
  }

  @GET
  @Path("experiments/{connector}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Search experiments by project, name and tags; page with nextCursor")
  public JsonObject searchExperiments(
      @PathParam("connector") String connector,
      @QueryParam("project") String project,
      @QueryParam("q") String text,
      @QueryParam("tags") List<String> tags,
      @QueryParam("size") @DefaultValue("25") String size,
      @QueryParam("cursor") String cursor) {
    return experiments.searchExperiments(connector, criteria(project, text, tags, size, cursor));
  }

  @GET
  @Path("datasets/{connector}/{id}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One dataset: version, tags, file summary and artifacts")
  public JsonObject dataset(@PathParam("connector") String connector, @PathParam("id") String id) {
    return experiments.dataset(connector, id);
  }

  @GET
  @Path("datasets/{connector}")
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Search datasets by project, name and tags; page with nextCursor")
  public JsonObject searchDatasets(
      @PathParam("connector") String connector,
      @QueryParam("project") String project,
      @QueryParam("q") String text,
      @QueryParam("tags") List<String> tags,
      @QueryParam("size") @DefaultValue("25") String size,
      @QueryParam("cursor") String cursor) {
    return experiments.searchDatasets(connector, criteria(project, text, tags, size, cursor));
  }

  @POST
  @Path("experiments/{connector}/{id}/clone")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Clone an experiment so it can run again (connectors that declare CLONE)")
  public Map<String, String> cloneExperiment(
      @PathParam("connector") String connector, @PathParam("id") String id, CloneRequest body) {
    String name = body == null || body.name() == null ? "" : body.name().strip();
    if (name.isEmpty() || name.length() > TEXT_MAX) {
      throw ProblemException.field(
          422, "INVALID_CLONE", "/name", "must be 1 to " + TEXT_MAX + " characters");
    }
    return Map.of("id", experiments.cloneExperiment(connector, id, name));
  }

  private static SearchCriteria criteria(
      String project, String text, List<String> tags, String size, String cursor) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (text != null && text.length() > TEXT_MAX) {
      errors.add(new Problem.FieldError("/q", "must be at most " + TEXT_MAX + " characters"));
    }
    if (project != null && project.length() > TEXT_MAX) {
      errors.add(new Problem.FieldError("/project", "must be at most " + TEXT_MAX + " characters"));
    }
    List<String> cleanTags =
        tags == null
            ? List.of()
            : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    if (cleanTags.size() > TAGS_MAX || cleanTags.stream().anyMatch(t -> t.length() > 100)) {
      errors.add(
          new Problem.FieldError("/tags", "at most " + TAGS_MAX + " tags of 100 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
    return new SearchCriteria(
        blankToNull(project), blankToNull(text), cleanTags, pageSize, blankToNull(cursor));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Body of a clone request. */
  public record CloneRequest(String name) {}
}
