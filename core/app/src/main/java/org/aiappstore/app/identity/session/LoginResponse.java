package org.aiappstore.app.identity.session;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.aiappstore.app.identity.user.UserView;

/** The body of a successful login, refresh or password change. */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "user"})
public record LoginResponse(String accessToken, String tokenType, long expiresIn, UserView user) {}
