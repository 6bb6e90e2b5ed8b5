package org.aiappstore.app.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A configured connector: one factory of a started plugin with validated settings, stored in the
 * database (or predefined through configuration, for Helm installs).
 *
 * @param kind the extension point, as the API names it ({@code data-connector}, ...)
 * @param config values as strings, as the schema-driven form sends them; secrets in clear: never
 *     return this map without {@link ConnectorSecrets#masked}
 * @param version incremented by every write; updates compare and set it
 */
public record ConnectorInstance(
    String id,
    String kind,
    String factoryId,
    String displayName,
    Map<String, String> config,
    Source source,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** Where an instance was defined; configuration-defined ones are read-only in the console. */
  public enum Source {
    DATABASE,
    CONFIGURATION
  }

  public ConnectorInstance {
    config = Map.copyOf(config);
  }

  /** Whether a connector built from {@code other} is the same as one built from this. */
  boolean buildsSameConnectorAs(ConnectorInstance other) {
    return kind.equals(other.kind)
        && factoryId.equals(other.factoryId)
        && config.equals(other.config);
  }

  /** Whether this instance is defined as {@code wanted}: same connector, name and source. */
  boolean hasDefinitionOf(ConnectorInstance wanted) {
    return buildsSameConnectorAs(wanted)
        && displayName.equals(wanted.displayName)
        && source == wanted.source;
  }

  /** This instance defined as {@code wanted}, keeping its creation time, as the next version. */
  ConnectorInstance redefinedAs(ConnectorInstance wanted) {
    return new ConnectorInstance(
        id,
        wanted.kind,
        wanted.factoryId,
        wanted.displayName,
        wanted.config,
        wanted.source,
        createdAt,
        wanted.updatedAt,
        version + 1);
  }

  ConnectorInstance withChanges(String displayName, Map<String, String> config, Instant now) {
    return new ConnectorInstance(
        id, kind, factoryId, displayName, config, source, createdAt, now, version + 1);
  }
}
