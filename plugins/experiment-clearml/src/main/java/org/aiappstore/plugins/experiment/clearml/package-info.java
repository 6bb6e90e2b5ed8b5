/**
 * An experiment connector for ClearML: tasks as experiments (hyperparameters, last metrics, scalar
 * histograms as Plotly figures, Plotly plots, output models and artifacts), {@code data_processing}
 * tasks tagged {@code dataset} as datasets, search with paging and cloning, over ClearML's JSON
 * REST API with the host's HTTP client and Jackson.
 */
package org.aiappstore.plugins.experiment.clearml;
