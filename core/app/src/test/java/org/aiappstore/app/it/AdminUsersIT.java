package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The admin user API: create, search, edit, guards and bulk actions. */
class AdminUsersIT {

  private static String adminId() {
    return AuthIT.asAdmin().get("/api/v1/auth/me").then().extract().path("id");
  }

  private static Map<String, Object> newUser(String username) {
    return Map.of(
        "username",
        username,
        "displayName",
        "Display " + username,
        "email",
        username + "@example.org",
        "roles",
        List.of("user"),
        "password",
        "a good long passphrase");
  }

  @Nested
  class WhenCreating {

    @Test
    void shouldAnswer201WithLocationAndTheUserView() {
      String username = AuthIT.unique("created");
      var response =
          AuthIT.asAdmin()
              .contentType("application/json")
              .body(AuthIT.json(newUser(username)))
              .post("/api/v1/admin/users");

      response
          .then()
          .statusCode(201)
          .header("Location", containsString("/api/v1/admin/users/"))
          .body("username", equalTo(username))
          .body("email", equalTo(username + "@example.org"))
          .body("roles", equalTo(List.of("user")))
          .body("external", equalTo(false));
      assertThat(response.jsonPath().getMap("$").keySet())
          .containsExactly(
              "id",
              "username",
              "displayName",
              "email",
              "roles",
              "disabled",
              "external",
              "createdAt",
              "updatedAt");
    }

    @Test
    void shouldAnswer409WhenTheUsernameIsTakenInAnyCase() {
      String username = AuthIT.unique("taken");
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(newUser(username)))
          .post("/api/v1/admin/users");
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(newUser(username.toUpperCase())))
          .post("/api/v1/admin/users")
          .then()
          .statusCode(409)
          .body("code", equalTo("USERNAME_TAKEN"))
          .body("errors[0].pointer", equalTo("/username"));
    }

    @Test
    void shouldAnswer422ForAWeakPassword() {
      Map<String, Object> body = new java.util.HashMap<>(newUser(AuthIT.unique("weak")));
      body.put("password", "qwerty123");
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(body))
          .post("/api/v1/admin/users")
          .then()
          .statusCode(422)
          .body("errors.pointer", hasItem("/password"));
    }
  }

  @Nested
  class WhenSearching {

    @Test
    void shouldTreatRegexMetacharactersLiterally() {
      String marker = AuthIT.unique("meta");
      String dotted = AuthIT.createUser(marker + "x", "user").username();
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(Map.of("displayName", marker + " a.* (paren")))
          .patch("/api/v1/admin/users/" + AuthIT.createUser(marker + "y", "user").id())
          .then()
          .statusCode(200);

      JsonPath literal = search(Map.of("q", marker + " a.*"));
      assertThat(literal.getList("items.displayName", String.class))
          .containsExactly(marker + " a.* (paren");
      assertThat(search(Map.of("q", "(")).getList("items.displayName", String.class))
          .allSatisfy(name -> assertThat(name).contains("("));
      assertThat(search(Map.of("q", marker + ".*")).getInt("total")).isZero();
      assertThat(search(Map.of("q", dotted.toUpperCase())).getList("items.username", String.class))
          .containsExactly(dotted);
    }

    @Test
    void shouldPageSortAndFilterByRole() {
      String marker = AuthIT.unique("page");
      for (int i = 0; i < 3; i++) {
        AuthIT.createUser(marker + "-" + i, "user");
      }
      JsonPath page = search(Map.of("q", marker, "sort", "-username", "page", "1", "size", "2"));
      assertThat(page.getInt("total")).isEqualTo(3);
      assertThat(page.getInt("page")).isEqualTo(1);
      assertThat(page.getInt("size")).isEqualTo(2);
      assertThat(page.getList("items")).hasSize(1);
      assertThat(page.getString("items[0].username")).startsWith(marker + "-0");
      assertThat(search(Map.of("q", marker, "role", "admin")).getInt("total")).isZero();
    }

    @Test
    void shouldRefuseBadParameters() {
      AuthIT.asAdmin()
          .queryParams(Map.of("size", "101", "sort", "password", "createdAfter", "yesterday"))
          .get("/api/v1/admin/users")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(
              "errors.pointer", org.hamcrest.Matchers.hasItems("/size", "/sort", "/createdAfter"));
    }

    private JsonPath search(Map<String, String> params) {
      return AuthIT.asAdmin()
          .queryParams(params)
          .get("/api/v1/admin/users")
          .then()
          .statusCode(200)
          .extract()
          .jsonPath();
    }
  }

  @Nested
  class Guards {

    @Test
    void shouldNotLetAnAdminDisableDemoteOrDeleteThemselves() {
      String self = adminId();
      for (Map<String, ?> change :
          List.of(Map.of("disabled", true), Map.of("roles", List.of("user")))) {
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(AuthIT.json(change))
            .patch("/api/v1/admin/users/" + self)
            .then()
            .statusCode(409)
            .body("code", equalTo("SELF_CHANGE"));
      }
      AuthIT.asAdmin()
          .delete("/api/v1/admin/users/" + self)
          .then()
          .statusCode(409)
          .body("code", equalTo("SELF_CHANGE"));
    }

    @Test
    void shouldRefuseToDeleteAUserWhoOwnsCardsUntilTheyAreGone() {
      AuthIT.TestUser owner = AuthIT.createUser("owner", "user");
      AuthIT.Session session = AuthIT.loginAs(owner);
      String path = CardsIT.created(session, CardsIT.card("Owned"));

      AuthIT.asAdmin()
          .delete("/api/v1/admin/users/" + owner.id())
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("code", equalTo("USER_OWNS_CONTENT"))
          .body("detail", containsString("1 card"));
      JsonPath bulk =
          AuthIT.asAdmin()
              .contentType("application/json")
              .body(AuthIT.json(Map.of("ids", List.of(owner.id()))))
              .post("/api/v1/admin/users/bulk-delete")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(bulk.getString("results[0].code")).isEqualTo("USER_OWNS_CONTENT");

      AuthIT.asAdmin().delete("/api/v1/models/" + path).then().statusCode(204);
      AuthIT.asAdmin().delete("/api/v1/admin/users/" + owner.id()).then().statusCode(204);
    }

    @Test
    void shouldNeverTouchThePasswordThroughPatch() {
      String id = AuthIT.createUser("patchpw", "user").id();
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(Map.of("password", "a new long passphrase")))
          .patch("/api/v1/admin/users/" + id)
          .then()
          .statusCode(422)
          .body("errors[0].pointer", equalTo("/password"));
    }

    @Test
    void shouldClearTheEmailWithNull() {
      String id = AuthIT.createUser("mail", "user").id();
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("{\"email\": null}")
          .patch("/api/v1/admin/users/" + id)
          .then()
          .statusCode(200)
          .body("email", nullValue());
    }
  }

  @Nested
  class InBulk {

    @Test
    void shouldReportAnOutcomePerId() {
      String a = AuthIT.createUser("bulk", "user").id();
      String b = AuthIT.createUser("bulk", "user").id();
      JsonPath result =
          AuthIT.asAdmin()
              .contentType("application/json")
              .body(
                  AuthIT.json(
                      Map.of("ids", List.of(a, "no-such-id", b), "roles", List.of("admin"))))
              .post("/api/v1/admin/users/bulk-roles")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();

      assertThat(result.getList("results.id", String.class)).containsExactly(a, "no-such-id", b);
      assertThat(result.getList("results.ok", Boolean.class)).containsExactly(true, false, true);
      assertThat(result.getInt("results[1].status")).isEqualTo(404);
      assertThat(result.getString("results[1].code")).isEqualTo("USER_NOT_FOUND");

      JsonPath deleted =
          AuthIT.asAdmin()
              .contentType("application/json")
              .body(AuthIT.json(Map.of("ids", List.of(a, adminId(), b))))
              .post("/api/v1/admin/users/bulk-delete")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(deleted.getList("results.ok", Boolean.class)).containsExactly(true, false, true);
      assertThat(deleted.getString("results[1].code")).isEqualTo("SELF_CHANGE");
      AuthIT.asAdmin().get("/api/v1/admin/users/" + a).then().statusCode(404);
    }
  }
}
