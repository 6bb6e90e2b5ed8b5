package org.aiappstore.app.identity.token;

import java.time.Instant;

/**
 * What the server needs from a verified access token of its own; {@code sessionId} is the
 * refresh-token family of the session that issued it.
 */
public record AccessTokenClaims(String userId, Instant issuedAt, String jti, String sessionId) {}
