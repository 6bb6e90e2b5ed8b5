package org.aiappstore.app.identity.user;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash, never internal fields. */
@JsonbPropertyOrder({
  "id",
  "username",
  "displayName",
  "email",
  "roles",
  "disabled",
  "external",
  "createdAt",
  "updatedAt"
})
public record UserView(
    String id,
    String username,
    String displayName,
    @JsonbNillable String email,
    List<String> roles,
    boolean disabled,
    boolean external,
    Instant createdAt,
    Instant updatedAt) {

  public static UserView of(User user) {
    return new UserView(
        user.id(),
        user.username(),
        user.displayName(),
        user.email(),
        user.roles().stream().sorted().toList(),
        user.disabled(),
        user.isExternal(),
        user.createdAt(),
        user.updatedAt());
  }
}
