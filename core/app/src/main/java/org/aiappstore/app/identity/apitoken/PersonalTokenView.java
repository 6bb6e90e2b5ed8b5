package org.aiappstore.app.identity.apitoken;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A personal API token as its owner sees it; {@code token} is present only in the create reply. */
@JsonbPropertyOrder({"id", "name", "scope", "createdAt", "expiresAt", "lastUsedAt", "token"})
public record PersonalTokenView(
    String id,
    String name,
    String scope,
    Instant createdAt,
    Instant expiresAt,
    @JsonbNillable Instant lastUsedAt,
    String token) {

  /** The list form, without the secret. */
  public PersonalTokenView withoutSecret() {
    return new PersonalTokenView(id, name, scope, createdAt, expiresAt, lastUsedAt, null);
  }
}
