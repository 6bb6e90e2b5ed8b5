package org.aiappstore.plugin.api.experiment;

import org.aiappstore.plugin.api.ConnectorFactory;
import org.pf4j.ExtensionPoint;

/**
 * The extension point of experiment-tracking plugins. Implementations are annotated with {@code
 * @org.pf4j.Extension} and must be stateless.
 */
public interface ExperimentConnectorFactory
    extends ExtensionPoint, ConnectorFactory<ExperimentConnector, ExperimentCapability> {}
