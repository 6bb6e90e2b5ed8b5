package org.aiappstore.app.it;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal API tokens: shown once, scoped, revocable, owner-only, gone with the password. */
class PersonalTokenIT {

  private static JsonPath create(String accessToken, String scope) {
    return AuthIT.as(accessToken)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("name", "ci " + scope, "scope", scope, "expiresInDays", 30)))
        .post("/api/v1/auth/tokens")
        .then()
        .statusCode(201)
        .body("token", startsWith("aas_pat_"))
        .body("scope", equalTo(scope))
        .body("lastUsedAt", nullValue())
        .extract()
        .jsonPath();
  }

  @Test
  void shouldListTokensWithoutTheirSecrets() {
    String session = AuthIT.newSession("user").accessToken();
    JsonPath created = create(session, "read");

    AuthIT.as(session)
        .get("/api/v1/auth/tokens")
        .then()
        .statusCode(200)
        .body("id", hasItem(created.getString("id")))
        .body("[0].keySet()", not(hasItem("token")))
        .body("[0].name", equalTo("ci read"));
  }

  @Test
  void shouldLetAReadTokenOnlyRead() {
    String session = AuthIT.newSession("user").accessToken();
    String token = create(session, "read").getString("token");

    AuthIT.as(token).get("/api/v1/auth/me").then().statusCode(200);
    AuthIT.as(token)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("currentPassword", "x", "newPassword", "y")))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("INSUFFICIENT_SCOPE"));
  }

  @Test
  void shouldLetAWriteTokenWriteButNotManageTokens() {
    String session = AuthIT.newSession("user").accessToken();
    String token = create(session, "write").getString("token");

    AuthIT.as(token)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("name", "minted", "scope", "write", "expiresInDays", 1)))
        .post("/api/v1/auth/tokens")
        .then()
        .statusCode(403)
        .body("code", equalTo("SESSION_REQUIRED"));
  }

  @Test
  void shouldStopWorkingOnceRevoked() {
    String session = AuthIT.newSession("user").accessToken();
    JsonPath created = create(session, "read");
    String token = created.getString("token");
    AuthIT.as(token).get("/api/v1/auth/me").then().statusCode(200);

    AuthIT.as(session)
        .delete("/api/v1/auth/tokens/" + created.getString("id"))
        .then()
        .statusCode(204);

    AuthIT.as(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_TOKEN"));
  }

  @Test
  void shouldStopWorkingOnceTheOwnerChangesThePassword() {
    AuthIT.TestUser user = AuthIT.createUser("pat-owner", "user");
    String session = AuthIT.loginAs(user).accessToken();
    String token = create(session, "write").getString("token");
    AuthIT.as(token).get("/api/v1/auth/me").then().statusCode(200);

    AuthIT.as(session)
        .contentType("application/json")
        .body(
            AuthIT.json(
                Map.of("currentPassword", user.password(), "newPassword", "a new passphrase 77")))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(200);

    AuthIT.as(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_TOKEN"));
  }

  @Test
  void shouldStopWorkingOnceAnAdminResetsThePassword() {
    AuthIT.TestUser user = AuthIT.createUser("pat-reset", "user");
    String token = create(AuthIT.loginAs(user).accessToken(), "read").getString("token");
    AuthIT.as(token).get("/api/v1/auth/me").then().statusCode(200);

    AuthIT.asAdmin()
        .contentType("application/json")
        .body(AuthIT.json(Map.of("password", "a reset passphrase 77")))
        .post("/api/v1/admin/users/" + user.id() + "/password")
        .then()
        .statusCode(204);

    AuthIT.as(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_TOKEN"));
    AuthIT.asAdmin()
        .queryParams(Map.of("action", "auth.tokens_revoked", "target", "user=" + user.id()))
        .get(AuditIT.AUDIT)
        .then()
        .statusCode(200)
        .body("items.actor", contains(AuthIT.adminUsername()));
  }

  @Test
  void shouldNotRevokeSomeoneElsesToken() {
    JsonPath created = create(AuthIT.newSession("user").accessToken(), "read");
    AuthIT.as(AuthIT.newSession("user").accessToken())
        .delete("/api/v1/auth/tokens/" + created.getString("id"))
        .then()
        .statusCode(404);
    AuthIT.as(created.getString("token")).get("/api/v1/auth/me").then().statusCode(200);
  }

  @Test
  void shouldValidateTheRequest() {
    AuthIT.as(AuthIT.newSession("user").accessToken())
        .contentType("application/json")
        .body(AuthIT.json(Map.of("name", "", "scope", "admin", "expiresInDays", 400)))
        .post("/api/v1/auth/tokens")
        .then()
        .statusCode(422)
        .body(
            "errors.pointer", org.hamcrest.Matchers.hasItems("/name", "/scope", "/expiresInDays"));
  }
}
