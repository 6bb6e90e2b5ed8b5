package org.aiappstore.app.it;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes an admin makes take effect on the user's existing sessions at once. */
class UserLifecycleIT {

  private static void patch(String id, Map<String, ?> body) {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(AuthIT.json(body))
        .patch("/api/v1/admin/users/" + id)
        .then()
        .statusCode(200);
  }

  private static Response refresh(AuthIT.Session session) {
    return ApiIT.given()
        .cookie("aas_refresh", session.refreshCookie())
        .cookie("aas_csrf", session.csrfCookie())
        .header("X-CSRF-Token", session.csrfCookie())
        .post("/api/v1/auth/refresh");
  }

  @Test
  void shouldEndAccessAndRefreshAtOnceWhenAUserIsDisabled() {
    AuthIT.TestUser user = AuthIT.createUser("disable-me", "user");
    AuthIT.Session session = AuthIT.loginAs(user);
    AuthIT.as(session.accessToken()).get("/api/v1/auth/me").then().statusCode(200);

    patch(user.id(), Map.of("disabled", true));

    AuthIT.as(session.accessToken())
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_TOKEN"));
    refresh(session).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
  }

  @Test
  void shouldTakeAdminRightsAwayAtOnceWhenDemoted() {
    AuthIT.TestUser admin = AuthIT.createUser("demote-me", "admin");
    String token = AuthIT.loginAs(admin).accessToken();
    AuthIT.as(token).get("/api/v1/plugins").then().statusCode(200);

    patch(admin.id(), Map.of("roles", List.of("user")));

    AuthIT.as(token).get("/api/v1/plugins").then().statusCode(401);
    AuthIT.as(AuthIT.loginAs(admin).accessToken()).get("/api/v1/plugins").then().statusCode(403);
  }

  @Test
  void shouldGiveAdminRightsToANewSessionWhenPromoted() {
    AuthIT.TestUser user = AuthIT.createUser("promote-me", "user");
    String token = AuthIT.loginAs(user).accessToken();
    AuthIT.as(token).get("/api/v1/plugins").then().statusCode(403);

    patch(user.id(), Map.of("roles", List.of("admin")));

    // Promotion does not end sessions; the user's current roles apply to the same token.
    AuthIT.as(token).get("/api/v1/plugins").then().statusCode(200);
  }

  @Test
  void shouldEndSessionsWhenAnAdminResetsThePassword() {
    AuthIT.TestUser user = AuthIT.createUser("reset-me", "user");
    AuthIT.Session session = AuthIT.loginAs(user);

    AuthIT.asAdmin()
        .contentType("application/json")
        .body(AuthIT.json(Map.of("password", "a reset passphrase 42")))
        .post("/api/v1/admin/users/" + user.id() + "/password")
        .then()
        .statusCode(204);

    AuthIT.as(session.accessToken()).get("/api/v1/auth/me").then().statusCode(401);
    refresh(session).then().statusCode(401);
    AuthIT.login(user.username(), "a reset passphrase 42");
  }
}
