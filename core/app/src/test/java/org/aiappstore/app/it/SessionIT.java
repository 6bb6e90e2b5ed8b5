package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sign-in, refresh rotation, CSRF, sign-out, throttling and password change over HTTP. */
class SessionIT {

  private static Response refresh(String refreshCookie, String csrfCookie, String csrfHeader) {
    var spec = ApiIT.given().cookie("aas_refresh", refreshCookie).cookie("aas_csrf", csrfCookie);
    if (csrfHeader != null) {
      spec = spec.header("X-CSRF-Token", csrfHeader);
    }
    return spec.post("/api/v1/auth/refresh");
  }

  @Nested
  class WhenSigningIn {

    @Test
    void shouldReturnAnAccessTokenTheUserAndBothCookies() {
      AuthIT.TestUser user = AuthIT.createUser("signin", "user");
      Response response =
          AuthIT.loginResponse(user.username(), user.password(), AuthIT.randomAddress());

      response
          .then()
          .statusCode(200)
          .body("tokenType", equalTo("Bearer"))
          .body("expiresIn", lessThanOrEqualTo(900))
          .body("expiresIn", greaterThan(0))
          .body("user.id", equalTo(user.id()))
          .body("user.username", equalTo(user.username()))
          .body("user.roles", equalTo(List.of("user")))
          .body("user.disabled", equalTo(false))
          .body("user.external", equalTo(false))
          .body("user.keySet()", hasItems("email", "createdAt", "updatedAt", "displayName"))
          .body("user", not(hasItems("passwordHash")));
      List<String> cookies = response.headers().getValues("Set-Cookie");
      assertThat(cookies)
          .anySatisfy(
              c ->
                  assertThat(c)
                      .startsWith("aas_refresh=")
                      .contains(
                          "HttpOnly", "SameSite=Strict", "Path=/api/v1/auth", "Max-Age=1209600"))
          .anySatisfy(
              c ->
                  assertThat(c)
                      .startsWith("aas_csrf=")
                      .contains("SameSite=Strict", "Path=/")
                      .doesNotContain("HttpOnly"));
    }

    @Test
    void shouldAcceptTheUsernameInAnyCase() {
      AuthIT.TestUser user = AuthIT.createUser("CaseUser", "user");
      AuthIT.loginResponse(user.username().toUpperCase(), user.password(), AuthIT.randomAddress())
          .then()
          .statusCode(200);
    }

    @Test
    void shouldAnswerUnknownUserAndWrongPasswordIdentically() {
      AuthIT.TestUser user = AuthIT.createUser("twin", "user");
      Response wrongPassword =
          AuthIT.loginResponse(user.username(), "not the password at all", AuthIT.randomAddress());
      Response unknownUser =
          AuthIT.loginResponse(
              AuthIT.unique("ghost"), "not the password at all", AuthIT.randomAddress());

      for (Response response : List.of(wrongPassword, unknownUser)) {
        response
            .then()
            .statusCode(401)
            .contentType("application/problem+json")
            .body("code", equalTo("INVALID_CREDENTIALS"))
            .body("detail", equalTo("Invalid username or password."));
      }
    }

    @Test
    void shouldRefuseADisabledUserWithTheSameAnswer() {
      AuthIT.TestUser user = AuthIT.createUser("disabled", "user");
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(Map.of("disabled", true)))
          .patch("/api/v1/admin/users/" + user.id())
          .then()
          .statusCode(200);
      AuthIT.loginResponse(user.username(), user.password(), AuthIT.randomAddress())
          .then()
          .statusCode(401)
          .body("code", equalTo("INVALID_CREDENTIALS"))
          .body("detail", equalTo("Invalid username or password."));
    }

    @Test
    void shouldThrottleAnAccountAfterFiveFailuresEvenWithTheRightPassword() {
      AuthIT.TestUser user = AuthIT.createUser("throttled", "user");
      for (int i = 0; i < 5; i++) {
        AuthIT.loginResponse(user.username(), "wrong password " + i, AuthIT.randomAddress())
            .then()
            .statusCode(401);
      }
      AuthIT.loginResponse(user.username(), user.password(), AuthIT.randomAddress())
          .then()
          .statusCode(429)
          .contentType("application/problem+json")
          .header("Retry-After", Integer::parseInt, greaterThan(0))
          .body("code", equalTo("TOO_MANY_ATTEMPTS"));
    }

    @Test
    void shouldThrottleAnAddressAfterTwentyFailures() {
      String address = AuthIT.randomAddress();
      for (int i = 0; i < 20; i++) {
        AuthIT.loginResponse(AuthIT.unique("spray"), "wrong password", address)
            .then()
            .statusCode(401);
      }
      AuthIT.loginResponse(AuthIT.adminUsername(), AuthIT.adminPassword(), address)
          .then()
          .statusCode(429)
          .header("Retry-After", not(equalTo(null)));
      AuthIT.loginResponse(AuthIT.adminUsername(), AuthIT.adminPassword(), AuthIT.randomAddress())
          .then()
          .statusCode(200);
    }
  }

  @Nested
  class WhenRefreshing {

    @Test
    void shouldRotateTheRefreshTokenAndIssueANewAccessToken() {
      AuthIT.Session session = AuthIT.newSession("user");
      Response refreshed =
          refresh(session.refreshCookie(), session.csrfCookie(), session.csrfCookie());

      refreshed.then().statusCode(200).body("tokenType", equalTo("Bearer"));
      String newRefresh = refreshed.getCookie("aas_refresh");
      assertThat(newRefresh).isNotBlank().isNotEqualTo(session.refreshCookie());
      AuthIT.as(refreshed.path("accessToken")).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void shouldRevokeTheWholeFamilyWhenAUsedTokenIsPresentedAgain() {
      AuthIT.Session session = AuthIT.newSession("user");
      Response first = refresh(session.refreshCookie(), session.csrfCookie(), session.csrfCookie());
      String successor = first.getCookie("aas_refresh");
      String csrf = first.getCookie("aas_csrf");

      refresh(session.refreshCookie(), session.csrfCookie(), session.csrfCookie())
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("code", equalTo("INVALID_REFRESH_TOKEN"));
      refresh(successor, csrf, csrf)
          .then()
          .statusCode(401)
          .body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void shouldRequireTheCsrfHeader() {
      AuthIT.Session session = AuthIT.newSession("user");
      refresh(session.refreshCookie(), session.csrfCookie(), null)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("code", equalTo("CSRF_CHECK_FAILED"));
      refresh(session.refreshCookie(), session.csrfCookie(), "forged-value")
          .then()
          .statusCode(403)
          .body("code", equalTo("CSRF_CHECK_FAILED"));
      refresh(session.refreshCookie(), session.csrfCookie(), session.csrfCookie())
          .then()
          .statusCode(200);
    }

    @Test
    void shouldRefuseAMissingRefreshCookie() {
      ApiIT.given()
          .cookie("aas_csrf", "abc")
          .header("X-CSRF-Token", "abc")
          .post("/api/v1/auth/refresh")
          .then()
          .statusCode(401)
          .body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }
  }

  @Nested
  class WhenSigningOut {

    @Test
    void shouldRevokeTheRefreshTokenAndClearBothCookies() {
      AuthIT.Session session = AuthIT.newSession("user");
      Response logout =
          ApiIT.given()
              .cookie("aas_refresh", session.refreshCookie())
              .cookie("aas_csrf", session.csrfCookie())
              .header("X-CSRF-Token", session.csrfCookie())
              .post("/api/v1/auth/logout");

      logout.then().statusCode(204);
      assertThat(logout.headers().getValues("Set-Cookie"))
          .anySatisfy(c -> assertThat(c).startsWith("aas_refresh=;").contains("Max-Age=0"))
          .anySatisfy(c -> assertThat(c).startsWith("aas_csrf=;").contains("Max-Age=0"));
      refresh(session.refreshCookie(), session.csrfCookie(), session.csrfCookie())
          .then()
          .statusCode(401);
    }

    @Test
    void shouldRequireTheCsrfHeader() {
      ApiIT.given()
          .cookie("aas_csrf", "abc")
          .post("/api/v1/auth/logout")
          .then()
          .statusCode(403)
          .body("code", equalTo("CSRF_CHECK_FAILED"));
    }
  }

  @Nested
  class WhenChangingTheOwnPassword {

    @Test
    void shouldEndOtherSessionsAndKeepTheCallerSignedIn() {
      AuthIT.TestUser user = AuthIT.createUser("changer", "user");
      AuthIT.Session other = AuthIT.loginAs(user);
      AuthIT.Session current = AuthIT.loginAs(user);

      Response changed =
          AuthIT.as(current.accessToken())
              .contentType("application/json")
              .body(
                  AuthIT.json(
                      Map.of(
                          "currentPassword",
                          user.password(),
                          "newPassword",
                          "a brand new passphrase 9")))
              .post("/api/v1/auth/password");

      changed.then().statusCode(200).body("tokenType", equalTo("Bearer"));
      assertThat(changed.getCookie("aas_refresh")).isNotBlank();
      AuthIT.as(changed.path("accessToken")).get("/api/v1/auth/me").then().statusCode(200);
      AuthIT.as(other.accessToken())
          .get("/api/v1/auth/me")
          .then()
          .statusCode(401)
          .body("code", equalTo("INVALID_TOKEN"));
      AuthIT.as(current.accessToken()).get("/api/v1/auth/me").then().statusCode(401);
      refresh(other.refreshCookie(), other.csrfCookie(), other.csrfCookie()).then().statusCode(401);
      AuthIT.login(user.username(), "a brand new passphrase 9");
    }

    @Test
    void shouldPointAtTheWrongCurrentPassword() {
      AuthIT.Session session = AuthIT.newSession("user");
      AuthIT.as(session.accessToken())
          .contentType("application/json")
          .body(
              AuthIT.json(
                  Map.of(
                      "currentPassword",
                      "not it at all",
                      "newPassword",
                      "a brand new passphrase 9")))
          .post("/api/v1/auth/password")
          .then()
          .statusCode(422)
          .body("errors[0].pointer", equalTo("/currentPassword"));
    }

    @Test
    void shouldThrottleWrongCurrentPasswordsLikeSignIns() {
      AuthIT.TestUser user = AuthIT.createUser("guessed", "user");
      String stolen = AuthIT.loginAs(user).accessToken();
      for (int i = 0; i < 5; i++) {
        changePassword(stolen, "guess " + i).then().statusCode(422);
      }

      changePassword(stolen, user.password())
          .then()
          .statusCode(429)
          .contentType("application/problem+json")
          .header("Retry-After", Integer::parseInt, greaterThan(0))
          .body("code", equalTo("TOO_MANY_ATTEMPTS"));
      AuthIT.loginResponse(user.username(), user.password(), AuthIT.randomAddress())
          .then()
          .statusCode(429);
    }

    private Response changePassword(String accessToken, String currentPassword) {
      return AuthIT.as(accessToken)
          .contentType("application/json")
          .body(
              AuthIT.json(
                  Map.of(
                      "currentPassword",
                      currentPassword,
                      "newPassword",
                      "a brand new passphrase 9")))
          .post("/api/v1/auth/password");
    }

    @Test
    void shouldPointAtEachBrokenPolicyRule() {
      AuthIT.TestUser user = AuthIT.createUser("weak", "user");
      AuthIT.as(AuthIT.loginAs(user).accessToken())
          .contentType("application/json")
          .body(AuthIT.json(Map.of("currentPassword", user.password(), "newPassword", "password1")))
          .post("/api/v1/auth/password")
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.pointer", everyItemIs("/newPassword"))
          .body(
              "errors.detail",
              hasItems(containsString("at least 10"), containsString("too common")));
    }

    private org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
      return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
  }
}
