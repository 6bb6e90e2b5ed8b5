package org.aiappstore.app.identity.token;

/** A freshly signed access token and its lifetime in seconds. */
public record IssuedAccessToken(String token, long expiresIn) {}
