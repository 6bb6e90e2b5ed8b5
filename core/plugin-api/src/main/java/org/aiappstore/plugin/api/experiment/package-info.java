/**
 * The experiment-tracking extension point (ClearML, MLflow, ...): an {@link
 * org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory} creates {@link
 * org.aiappstore.plugin.api.experiment.ExperimentConnector}s that read {@link
 * org.aiappstore.plugin.api.experiment.Experiment experiments} (typed {@link
 * org.aiappstore.plugin.api.experiment.ParameterValue parameters}, latest metrics, scalars as
 * {@link org.aiappstore.plugin.api.experiment.PlotlyFigure Plotly figures}, Plotly {@link
 * org.aiappstore.plugin.api.experiment.Plot plots}, {@link
 * org.aiappstore.plugin.api.experiment.Artifact artifacts}), search them by {@link
 * org.aiappstore.plugin.api.experiment.SearchCriteria criteria} a {@link
 * org.aiappstore.plugin.api.experiment.ResultPage page} at a time, read and search {@link
 * org.aiappstore.plugin.api.experiment.Dataset datasets}, and clone experiments.
 *
 * <p>Everything is a plain immutable Java type, so the host serializes it with any JSON library;
 * {@link org.aiappstore.plugin.api.experiment.PlotlyFigure#toPlotlyJson()} writes Plotly's own
 * format. What a connector offers beyond reading an experiment is declared by its {@link
 * org.aiappstore.plugin.api.experiment.ExperimentCapability capabilities}.
 */
package org.aiappstore.plugin.api.experiment;
