package org.aiappstore.app.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.aiappstore.app.connector.ConnectorInstanceService;
import org.aiappstore.plugin.api.data.DataConnector;

/**
 * Where media and bundles are stored: the active data connector instance, guarded by timeouts and a
 * circuit breaker. Admins switch it in the console; until then it is the built-in filesystem
 * instance (or {@code aiappstore.storage.active}).
 */
@ApplicationScoped
public class StorageService {

  @Inject ConnectorInstanceService connectors;

  /** The active connector; 503 while it cannot be created. */
  public DataConnector active() {
    return connectors.activeStorage();
  }

  public String activeConnectorId() {
    return connectors.activeDataConnector();
  }
}
