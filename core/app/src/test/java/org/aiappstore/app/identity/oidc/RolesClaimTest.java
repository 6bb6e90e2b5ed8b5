package org.aiappstore.app.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RolesClaimTest {

  private static final JsonObject CLAIMS =
      Json.createObjectBuilder()
          .add(
              "realm_access",
              Json.createObjectBuilder()
                  .add("roles", Json.createArrayBuilder().add("admin").add("offline")))
          .add("groups", Json.createArrayBuilder().add("staff"))
          .add("role", "viewer")
          .build();

  @Nested
  class WhenReading {

    @Test
    void shouldFollowADottedPath() {
      assertThat(RolesClaim.read(CLAIMS, "realm_access.roles")).containsExactly("admin", "offline");
    }

    @Test
    void shouldReadATopLevelArrayOrString() {
      assertThat(RolesClaim.read(CLAIMS, "groups")).containsExactly("staff");
      assertThat(RolesClaim.read(CLAIMS, "role")).containsExactly("viewer");
    }

    @Test
    void shouldGiveNoRolesForAMissingOrMistypedPath() {
      assertThat(RolesClaim.read(CLAIMS, "resource_access.app.roles")).isEmpty();
      assertThat(RolesClaim.read(CLAIMS, "role.inner")).isEmpty();
    }
  }

  @Nested
  class WhenMapping {

    @Test
    void shouldMakeTheAdminRoleAnAdminAndAUser() {
      assertThat(RolesClaim.map(List.of("admin", "x"), "admin"))
          .containsExactlyInAnyOrder("admin", "user");
    }

    @Test
    void shouldMakeAnyoneElseAUser() {
      assertThat(RolesClaim.map(List.of("x"), "admin")).containsExactly("user");
      assertThat(RolesClaim.map(List.of(), "platform-admin")).containsExactly("user");
    }
  }
}
