/**
 * The experiment-tracking extension point (ClearML, MLflow, ...). Operations arrive with the
 * experiment-connector issue; today the package declares the factory, connector and capabilities.
 */
package org.aiappstore.plugin.api.experiment;
