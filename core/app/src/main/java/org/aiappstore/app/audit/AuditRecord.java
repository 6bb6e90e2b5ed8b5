package org.aiappstore.app.audit;

import java.time.Instant;

/**
 * One audited event: who ({@code actorId} and {@code actor}, a username, "anonymous" or "system"),
 * when, what ({@code action}, e.g. {@code card.updated} or {@code PUT v1/admin/users/{id}}), on
 * what ({@code target}), how it ended ({@code outcome}: {@code success}, {@code failure} or {@code
 * denied}, with the HTTP status where there is one) and from which client address. Never a request
 * body, a password, a token or a connector secret.
 */
public record AuditRecord(
    String id,
    Instant at,
    String actorId,
    String actor,
    String action,
    String target,
    String outcome,
    Integer status,
    String clientAddress) {}
