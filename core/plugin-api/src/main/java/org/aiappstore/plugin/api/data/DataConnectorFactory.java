package org.aiappstore.plugin.api.data;

import org.aiappstore.plugin.api.ConnectorFactory;
import org.pf4j.ExtensionPoint;

/**
 * The extension point of object-storage plugins (filesystem, S3, ...). Implementations are
 * annotated with {@code @org.pf4j.Extension} and must be stateless.
 */
public interface DataConnectorFactory
    extends ExtensionPoint, ConnectorFactory<DataConnector, DataCapability> {}
