package org.aiappstore.app.identity.user;

import java.util.Optional;
import java.util.Set;

/**
 * A partial update: an empty Optional leaves the field alone. {@code email} distinguishes "not
 * sent" (null Optional) from "remove it" (Optional of null is impossible, so removal is {@code
 * clearEmail}).
 */
public record UserChanges(
    Optional<String> displayName,
    Optional<String> email,
    boolean clearEmail,
    Optional<Set<String>> roles,
    Optional<Boolean> disabled) {

  public static UserChanges rolesOnly(Set<String> roles) {
    return new UserChanges(
        Optional.empty(), Optional.empty(), false, Optional.of(roles), Optional.empty());
  }
}
