package org.aiappstore.plugin.api;

/**
 * A configured connection to an external system, created by a {@link ConnectorFactory}.
 *
 * <p>A connector may hold resources (clients, pools); the host closes it when the configuration
 * changes or the plugin is stopped. Implementations must be safe for concurrent use.
 */
public interface Connector extends AutoCloseable {

  /**
   * Checks that the external system is reachable and the configuration works, for the admin's "Test
   * connection" button. This method never throws: failures are reported in the result, see {@link
   * ConnectionCheck#timed(java.util.function.Supplier)}.
   *
   * @return the outcome of the check
   */
  ConnectionCheck checkConnection();

  /** Releases the resources held by this connector. The default does nothing. */
  @Override
  default void close() {}
}
