package org.aiappstore.app.identity.oidc;

import java.util.Set;

/** A verified external access token: who it is and which of our roles they have. */
public record ExternalIdentity(
    String issuer,
    String subject,
    String preferredUsername,
    String email,
    String name,
    Set<String> roles) {}
