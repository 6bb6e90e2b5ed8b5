package org.aiappstore.app.identity.session;

/** A new session: the body to send and the refresh token to put in its cookie. */
public record SignedIn(LoginResponse body, String refreshToken) {}
