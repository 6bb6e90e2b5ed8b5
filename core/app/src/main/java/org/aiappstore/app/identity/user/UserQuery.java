package org.aiappstore.app.identity.user;

import java.time.Instant;

/** Filters, order and page of the admin user list; {@code q} is literal text, not a pattern. */
public record UserQuery(
    String q,
    String role,
    Instant createdAfter,
    Instant createdBefore,
    String sortField,
    boolean descending,
    int page,
    int size) {}
