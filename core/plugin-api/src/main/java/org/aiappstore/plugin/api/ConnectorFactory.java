package org.aiappstore.plugin.api;

import java.util.Set;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConnectorConfig;

/**
 * A stateless factory that describes a kind of connector and creates configured instances of it.
 *
 * <p>Factories are instantiated by PF4J, not by the host's dependency injection: host services
 * reach a connector through the {@link ConnectorContext} passed to {@link #create}. A factory must
 * not keep per-connector state.
 *
 * @param <C> the connector type created
 * @param <K> the capability enum of this kind of connector
 */
public interface ConnectorFactory<C extends Connector, K extends Enum<K>> {

  /**
   * Describes this connector kind: id, display name, description and documentation link.
   *
   * @return the descriptor, never {@code null}
   */
  ConnectorDescriptor descriptor();

  /**
   * The configuration properties this connector accepts; it drives the admin UI form.
   *
   * @return the schema, never {@code null}
   */
  ConfigSchema configSchema();

  /**
   * The optional capabilities the created connectors support. A call needing an undeclared
   * capability fails with {@link org.aiappstore.plugin.api.error.PlatformErrors#NOT_SUPPORTED}.
   *
   * @return the declared capabilities, never {@code null}
   */
  Set<K> capabilities();

  /**
   * Creates a connector. It should not contact the external system: {@link
   * Connector#checkConnection()} does that.
   *
   * @param config configuration validated against {@link #configSchema()}
   * @param context host services
   * @return a new connector, owned (and closed) by the caller
   */
  C create(ConnectorConfig config, ConnectorContext context);
}
