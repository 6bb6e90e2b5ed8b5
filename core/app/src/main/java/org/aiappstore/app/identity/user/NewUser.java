package org.aiappstore.app.identity.user;

import java.util.List;

/** The body of "create a user". */
public record NewUser(
    String username, String displayName, String email, List<String> roles, String password) {}
