package org.aiappstore.app.connector;

import java.util.List;
import java.util.Optional;

/** Persistence of connector instances, with the atomic operations the service relies on. */
public interface ConnectorInstanceStore {

  List<ConnectorInstance> findAll();

  Optional<ConnectorInstance> find(String id);

  /** Inserts a new instance; false when the id is taken. */
  boolean insert(ConnectorInstance instance);

  /** Replaces the stored instance only if it still has {@code expectedVersion}; false otherwise. */
  boolean replace(ConnectorInstance instance, long expectedVersion);

  boolean delete(String id);

  /** The id of the active data connector instance, if one was chosen. */
  Optional<String> activeDataConnector();

  void setActiveDataConnector(String id);
}
