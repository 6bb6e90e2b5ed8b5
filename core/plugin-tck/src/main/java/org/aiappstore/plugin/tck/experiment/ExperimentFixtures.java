package org.aiappstore.plugin.tck.experiment;

import java.util.Objects;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.ParameterValue;

/**
 * What the fake tracker of a plugin's contract test holds, so that {@link
 * ExperimentConnectorContract} knows what to expect. Build with {@link #builder()}; facts of a
 * capability the factory does not declare may be left unset.
 *
 * @param experimentId an experiment the tracker has
 * @param experimentName its name
 * @param status its status
 * @param projectId the project it belongs to; searching it must give more than one page of {@code
 *     searchPageSize}
 * @param tag one of its user tags
 * @param parameterName one of its parameters, by flat name
 * @param parameterValue that parameter's typed value
 * @param scalarMetric a scalar metric it reported, with at least one point
 * @param artifactName the name of one of its artifacts (with {@code ARTIFACTS})
 * @param searchPageSize a page size for which searching {@code projectId} gives at least two pages
 * @param datasetId a dataset the tracker has (with {@code DATASETS})
 * @param datasetName its name
 * @param unknownId an id of the tracker's format that it does not have
 */
public record ExperimentFixtures(
    String experimentId,
    String experimentName,
    ExperimentStatus status,
    String projectId,
    String tag,
    String parameterName,
    ParameterValue parameterValue,
    String scalarMetric,
    String artifactName,
    int searchPageSize,
    String datasetId,
    String datasetName,
    String unknownId) {

  /**
   * Validates the fixtures: the experiment's id, name, status, project and an unknown id are
   * required.
   *
   * @param experimentId an experiment the tracker has
   * @param experimentName its name
   * @param status its status
   * @param projectId the project it belongs to
   * @param tag one of its user tags, or {@code null}
   * @param parameterName one of its parameters, or {@code null}
   * @param parameterValue that parameter's typed value, or {@code null}
   * @param scalarMetric a scalar metric it reported, or {@code null}
   * @param artifactName the name of one of its artifacts, or {@code null}
   * @param searchPageSize a page size giving at least two pages of {@code projectId}
   * @param datasetId a dataset the tracker has, or {@code null}
   * @param datasetName its name, or {@code null}
   * @param unknownId an id the tracker does not have
   */
  public ExperimentFixtures {
    Objects.requireNonNull(experimentId, "experimentId");
    Objects.requireNonNull(experimentName, "experimentName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(unknownId, "unknownId");
    if ((parameterName == null) != (parameterValue == null)) {
      throw new IllegalArgumentException("Give both a parameter name and its value, or neither");
    }
  }

  /**
   * Starts building fixtures.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExperimentFixtures}. */
  public static final class Builder {
    private String experimentId;
    private String experimentName;
    private ExperimentStatus status;
    private String projectId;
    private String tag;
    private String parameterName;
    private ParameterValue parameterValue;
    private String scalarMetric;
    private String artifactName;
    private int searchPageSize = 2;
    private String datasetId;
    private String datasetName;
    private String unknownId;

    private Builder() {}

    /**
     * Sets the known experiment.
     *
     * @param id its id
     * @param name its name
     * @param status its status
     * @param projectId its project's id
     * @return this builder
     */
    public Builder experiment(String id, String name, ExperimentStatus status, String projectId) {
      this.experimentId = id;
      this.experimentName = name;
      this.status = status;
      this.projectId = projectId;
      return this;
    }

    /**
     * Sets one of the experiment's tags.
     *
     * @param tag the tag
     * @return this builder
     */
    public Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    /**
     * Sets one of the experiment's parameters.
     *
     * @param name the flat name
     * @param value the typed value
     * @return this builder
     */
    public Builder parameter(String name, ParameterValue value) {
      this.parameterName = name;
      this.parameterValue = value;
      return this;
    }

    /**
     * Sets a scalar metric the experiment reported.
     *
     * @param metric the metric name
     * @return this builder
     */
    public Builder scalarMetric(String metric) {
      this.scalarMetric = metric;
      return this;
    }

    /**
     * Sets the name of one of the experiment's artifacts.
     *
     * @param name the artifact name
     * @return this builder
     */
    public Builder artifactName(String name) {
      this.artifactName = name;
      return this;
    }

    /**
     * Sets a page size giving at least two pages when searching the experiment's project.
     *
     * @param pageSize the page size, by default 2
     * @return this builder
     */
    public Builder searchPageSize(int pageSize) {
      this.searchPageSize = pageSize;
      return this;
    }

    /**
     * Sets the known dataset.
     *
     * @param id its id
     * @param name its name
     * @return this builder
     */
    public Builder dataset(String id, String name) {
      this.datasetId = id;
      this.datasetName = name;
      return this;
    }

    /**
     * Sets an id the tracker does not have.
     *
     * @param id the id, in the tracker's format
     * @return this builder
     */
    public Builder unknownId(String id) {
      this.unknownId = id;
      return this;
    }

    /**
     * Builds the fixtures.
     *
     * @return the validated fixtures
     */
    public ExperimentFixtures build() {
      return new ExperimentFixtures(
          experimentId,
          experimentName,
          status,
          projectId,
          tag,
          parameterName,
          parameterValue,
          scalarMetric,
          artifactName,
          searchPageSize,
          datasetId,
          datasetName,
          unknownId);
    }
  }
}
