package org.aiappstore.app.media;

import java.time.Instant;

/**
 * A stored media file: whose it is, where its bytes are (key on the connector instance that held
 * the active store when it was uploaded) and what they are.
 */
public record MediaRecord(
    String id,
    String ownerId,
    String key,
    String contentType,
    MediaKind kind,
    long size,
    String sha256,
    String name,
    Instant createdAt,
    String connectorId) {}
