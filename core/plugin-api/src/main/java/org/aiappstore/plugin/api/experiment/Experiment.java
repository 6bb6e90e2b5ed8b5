package org.aiappstore.plugin.api.experiment;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An experiment (ClearML task, MLflow run, ...) normalized across trackers. The parts behind a
 * capability are empty when the connector does not declare it: {@link #scalars()} needs {@link
 * ExperimentCapability#SCALARS}, {@link #plots()} {@link ExperimentCapability#PLOTS} and {@link
 * #artifacts()} {@link ExperimentCapability#ARTIFACTS}.
 *
 * <p>Build one with {@link #builder(String, String, ProjectRef)}.
 *
 * @param id the tracker's experiment id
 * @param name the experiment name
 * @param project the project it belongs to
 * @param owner the name of the user who created it, or {@code null} if unknown
 * @param status its state
 * @param created when it was created or started, or {@code null} if unknown
 * @param tags user tags, in the tracker's order
 * @param frameworks the ML frameworks it used or produced models for (e.g. {@code PyTorch})
 * @param parameters hyperparameters by flat name (ClearML sections become {@code section/name}), in
 *     the tracker's order
 * @param latestMetrics the last value of each scalar series
 * @param scalars one figure per scalar metric, one series per variant
 * @param plots plots stored as Plotly JSON by the tracker
 * @param artifacts output models and other stored files
 * @param webUrl the experiment's page in the tracker's web app, or {@code null} if unknown
 */
public record Experiment(
    String id,
    String name,
    ProjectRef project,
    String owner,
    ExperimentStatus status,
    Instant created,
    List<String> tags,
    List<String> frameworks,
    Map<String, ParameterValue> parameters,
    List<MetricValue> latestMetrics,
    List<PlotlyFigure> scalars,
    List<Plot> plots,
    List<Artifact> artifacts,
    URI webUrl) {

  /**
   * Validates the experiment and copies its collections.
   *
   * @param id the tracker's experiment id
   * @param name the experiment name
   * @param project the project it belongs to
   * @param owner the name of the user who created it, or {@code null}
   * @param status its state
   * @param created when it was created, or {@code null}
   * @param tags user tags; {@code null} for none
   * @param frameworks ML frameworks; {@code null} for none
   * @param parameters hyperparameters by flat name; {@code null} for none
   * @param latestMetrics the last value of each scalar series; {@code null} for none
   * @param scalars one figure per scalar metric; {@code null} for none
   * @param plots plots stored as Plotly JSON; {@code null} for none
   * @param artifacts output models and other stored files; {@code null} for none
   * @param webUrl the experiment's page in the tracker's web app, or {@code null}
   */
  public Experiment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(status, "status");
    tags = copy(tags);
    frameworks = copy(frameworks);
    parameters =
        parameters == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(requireNoNulls(parameters)));
    latestMetrics = copy(latestMetrics);
    scalars = copy(scalars);
    plots = copy(plots);
    artifacts = copy(artifacts);
  }

  /**
   * Starts building an experiment; status defaults to {@link ExperimentStatus#UNKNOWN}.
   *
   * @param id the tracker's experiment id
   * @param name the experiment name
   * @param project the project it belongs to
   * @return a builder
   */
  public static Builder builder(String id, String name, ProjectRef project) {
    return new Builder(id, name, project);
  }

  /**
   * What a search would list of this experiment.
   *
   * @return the summary
   */
  public ExperimentSummary summary() {
    return new ExperimentSummary(id, name, project, owner, status, created, tags, webUrl);
  }

  private static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  private static Map<String, ParameterValue> requireNoNulls(Map<String, ParameterValue> map) {
    map.forEach(
        (name, value) -> {
          Objects.requireNonNull(name, "parameter name");
          Objects.requireNonNull(value, () -> "value of parameter " + name);
        });
    return map;
  }

  /** Builds an {@link Experiment}; obtain one from {@link Experiment#builder}. */
  public static final class Builder {
    private final String id;
    private final String name;
    private final ProjectRef project;
    private String owner;
    private ExperimentStatus status = ExperimentStatus.UNKNOWN;
    private Instant created;
    private List<String> tags;
    private List<String> frameworks;
    private Map<String, ParameterValue> parameters;
    private List<MetricValue> latestMetrics;
    private List<PlotlyFigure> scalars;
    private List<Plot> plots;
    private List<Artifact> artifacts;
    private URI webUrl;

    private Builder(String id, String name, ProjectRef project) {
      this.id = id;
      this.name = name;
      this.project = project;
    }

    /**
     * Sets the owner.
     *
     * @param owner the user name, or {@code null}
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets the status.
     *
     * @param status the state
     * @return this builder
     */
    public Builder status(ExperimentStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the creation time.
     *
     * @param created when it was created, or {@code null}
     * @return this builder
     */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /**
     * Sets the user tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    /**
     * Sets the frameworks.
     *
     * @param frameworks the ML frameworks
     * @return this builder
     */
    public Builder frameworks(List<String> frameworks) {
      this.frameworks = frameworks;
      return this;
    }

    /**
     * Sets the parameters.
     *
     * @param parameters by flat name, in display order
     * @return this builder
     */
    public Builder parameters(Map<String, ParameterValue> parameters) {
      this.parameters = parameters;
      return this;
    }

    /**
     * Sets the latest metric values.
     *
     * @param latestMetrics the last value of each scalar series
     * @return this builder
     */
    public Builder latestMetrics(List<MetricValue> latestMetrics) {
      this.latestMetrics = latestMetrics;
      return this;
    }

    /**
     * Sets the scalar figures.
     *
     * @param scalars one figure per metric
     * @return this builder
     */
    public Builder scalars(List<PlotlyFigure> scalars) {
      this.scalars = scalars;
      return this;
    }

    /**
     * Sets the plots.
     *
     * @param plots the Plotly plots
     * @return this builder
     */
    public Builder plots(List<Plot> plots) {
      this.plots = plots;
      return this;
    }

    /**
     * Sets the artifacts.
     *
     * @param artifacts models and files
     * @return this builder
     */
    public Builder artifacts(List<Artifact> artifacts) {
      this.artifacts = artifacts;
      return this;
    }

    /**
     * Sets the link to the tracker's web app.
     *
     * @param webUrl the page, or {@code null}
     * @return this builder
     */
    public Builder webUrl(URI webUrl) {
      this.webUrl = webUrl;
      return this;
    }

    /**
     * Builds the experiment.
     *
     * @return the validated experiment
     */
    public Experiment build() {
      return new Experiment(
          id,
          name,
          project,
          owner,
          status,
          created,
          tags,
          frameworks,
          parameters,
          latestMetrics,
          scalars,
          plots,
          artifacts,
          webUrl);
    }
  }
}
