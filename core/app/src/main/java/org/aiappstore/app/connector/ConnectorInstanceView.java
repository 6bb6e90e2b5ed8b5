package org.aiappstore.app.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A connector instance as the API shows it: secrets masked, plus whether it is the active store.
 */
public record ConnectorInstanceView(
    String id,
    String kind,
    String factoryId,
    String displayName,
    Map<String, String> config,
    String source,
    boolean active,
    String circuit,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
