package org.aiappstore.app.identity.oidc;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.identity.user.Role;

/**
 * Reads the external user's roles from a claim named by a dotted path (Keycloak puts them in {@code
 * realm_access.roles}) and maps them to ours: the admin role gives {@code admin} and {@code user},
 * anything else just {@code user}.
 */
public final class RolesClaim {

  private RolesClaim() {}

  public static List<String> read(JsonObject claims, String dottedPath) {
    JsonValue value = claims;
    for (String segment : dottedPath.split("\\.")) {
      if (!(value instanceof JsonObject object) || !object.containsKey(segment)) {
        return List.of();
      }
      value = object.get(segment);
    }
    List<String> roles = new ArrayList<>();
    if (value instanceof JsonString single) {
      roles.add(single.getString());
    } else if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
      value.asJsonArray().stream()
          .filter(JsonString.class::isInstance)
          .map(v -> ((JsonString) v).getString())
          .forEach(roles::add);
    }
    return roles;
  }

  public static Set<String> map(List<String> externalRoles, String adminRole) {
    return externalRoles.contains(adminRole)
        ? Role.normalize(Set.of(Role.ADMIN))
        : Set.of(Role.USER);
  }
}
