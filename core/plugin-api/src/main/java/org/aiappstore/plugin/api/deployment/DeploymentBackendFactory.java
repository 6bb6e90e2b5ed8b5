package org.aiappstore.plugin.api.deployment;

import org.aiappstore.plugin.api.ConnectorFactory;
import org.pf4j.ExtensionPoint;

/**
 * The extension point of deployment plugins. Implementations are annotated with {@code
 * @org.pf4j.Extension} and must be stateless.
 */
public interface DeploymentBackendFactory
    extends ExtensionPoint, ConnectorFactory<DeploymentBackend, DeploymentCapability> {}
