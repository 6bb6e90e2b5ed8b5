package org.aiappstore.app.identity.oidc;

import java.time.Instant;
import java.util.Set;

/**
 * A verified external access token: who it is, which of our roles they have, and when the token
 * expires.
 */
public record ExternalIdentity(
    String issuer,
    String subject,
    String preferredUsername,
    String email,
    String name,
    Set<String> roles,
    Instant expiresAt) {}
