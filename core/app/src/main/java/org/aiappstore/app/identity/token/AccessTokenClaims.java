package org.aiappstore.app.identity.token;

import java.time.Instant;

/** What the server needs from a verified access token of its own. */
public record AccessTokenClaims(String userId, Instant issuedAt, String jti) {}
