package org.aiappstore.plugin.api.experiment;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a search lists of an experiment: enough to pick one, without its parameters, metrics, plots
 * or artifacts.
 *
 * @param id the tracker's experiment id (ClearML task id, MLflow run id, ...)
 * @param name the experiment name
 * @param project the project it belongs to
 * @param owner the name of the user who created it, or {@code null} if unknown
 * @param status its state
 * @param created when it was created or started, or {@code null} if unknown
 * @param tags user tags, in the tracker's order
 * @param webUrl the experiment's page in the tracker's web app, or {@code null} if unknown
 */
public record ExperimentSummary(
    String id,
    String name,
    ProjectRef project,
    String owner,
    ExperimentStatus status,
    Instant created,
    List<String> tags,
    URI webUrl) {

  /**
   * Validates the summary.
   *
   * @param id the tracker's experiment id
   * @param name the experiment name
   * @param project the project it belongs to
   * @param owner the name of the user who created it, or {@code null}
   * @param status its state
   * @param created when it was created, or {@code null}
   * @param tags user tags; {@code null} for none
   * @param webUrl the experiment's page in the tracker's web app, or {@code null}
   */
  public ExperimentSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(status, "status");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
