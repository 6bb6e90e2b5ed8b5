package org.aiappstore.app.plugin;

import java.util.List;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;

/** The extension points the host offers, named as the API and the console show them. */
enum ExtensionPoints {
  DATA_CONNECTOR(DataConnectorFactory.class, "data-connector"),
  EXPERIMENT_CONNECTOR(ExperimentConnectorFactory.class, "experiment-connector"),
  DEPLOYMENT_BACKEND(DeploymentBackendFactory.class, "deployment-backend");

  private final Class<?> type;
  private final String label;

  ExtensionPoints(Class<?> type, String label) {
    this.type = type;
    this.label = label;
  }

  Class<?> type() {
    return type;
  }

  String label() {
    return label;
  }

  static List<ExtensionPoints> all() {
    return List.of(values());
  }
}
