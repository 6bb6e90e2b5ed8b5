/**
 * An experiment connector for MLflow: runs as experiments (parameters, tags, latest metrics, metric
 * histories as Plotly figures, artifacts, logged models and dataset inputs), searched by experiment
 * with MLflow's page tokens, over MLflow's REST API 2.0 with the host's HTTP client and Jackson.
 */
package org.aiappstore.plugins.experiment.mlflow;
