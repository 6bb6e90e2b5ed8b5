package org.aiappstore.plugin.api.experiment;

import org.aiappstore.plugin.api.Connector;

/**
 * A configured connection to an experiment tracker. Its operations (projects, experiments, metrics,
 * artifacts) arrive with the experiment-connector issue, as {@code default} methods so that
 * existing plugins keep working.
 */
public interface ExperimentConnector extends Connector {}
