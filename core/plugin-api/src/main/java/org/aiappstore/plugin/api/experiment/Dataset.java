package org.aiappstore.plugin.api.experiment;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A dataset version in a tracker (e.g. a ClearML dataset). Needs {@link
 * ExperimentCapability#DATASETS}.
 *
 * @param id the tracker's dataset (version) id
 * @param name the dataset name
 * @param project the project it belongs to
 * @param version the version label, e.g. {@code 1.0.2}, or {@code null} if it has none
 * @param tags user tags
 * @param files a summary of its files, or {@code null} if the tracker does not report one
 * @param artifacts stored files and archives
 * @param webUrl the dataset's page in the tracker's web app, or {@code null} if unknown
 */
public record Dataset(
    String id,
    String name,
    ProjectRef project,
    String version,
    List<String> tags,
    FileSummary files,
    List<Artifact> artifacts,
    URI webUrl) {

  /**
   * Validates the dataset.
   *
   * @param id the tracker's dataset id
   * @param name the dataset name
   * @param project the project it belongs to
   * @param version the version label, or {@code null}
   * @param tags user tags; {@code null} for none
   * @param files a summary of its files, or {@code null}
   * @param artifacts stored files; {@code null} for none
   * @param webUrl the dataset's page in the tracker's web app, or {@code null}
   */
  public Dataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(project, "project");
    tags = tags == null ? List.of() : List.copyOf(tags);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }
}
