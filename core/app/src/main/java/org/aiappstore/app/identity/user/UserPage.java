package org.aiappstore.app.identity.user;

import java.util.List;

/** One page of users and the total number matching the filters. */
public record UserPage(List<UserView> items, long total, int page, int size) {}
