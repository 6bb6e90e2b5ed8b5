package org.aiappstore.plugin.api.experiment;

import java.util.Objects;

/**
 * The project (ClearML project, MLflow experiment, ...) an experiment or dataset belongs to.
 *
 * @param id the tracker's project id
 * @param name the project name; the id when the name is unknown
 */
public record ProjectRef(String id, String name) {

  /**
   * Validates the reference.
   *
   * @param id the tracker's project id
   * @param name the project name; the id when the name is unknown
   */
  public ProjectRef {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
  }
}
