package org.aiappstore.app.it;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signs in over the API for the *IT tests: as the first admin (whose password the build gives the
 * test server), or as fresh users it creates through the admin API. Every sign-in comes from its
 * own simulated client address (the test server trusts X-Forwarded-For), so login throttling in one
 * test never affects another.
 */
final class AuthIT {

  private static final Duration ADMIN_TOKEN_REUSE = Duration.ofMinutes(5);

  private static volatile String adminToken;
  private static volatile Instant adminTokenTakenAt = Instant.EPOCH;

  private AuthIT() {}

  /** A user created for a test, with the password it signs in with. */
  record TestUser(String id, String username, String password) {}

  /** What a login returns: the access token and the two cookies. */
  record Session(String accessToken, String refreshCookie, String csrfCookie, String userId) {}

  /** A JSON body from a map (strings, numbers, booleans, lists, maps). */
  static String json(Map<String, ?> fields) {
    return jakarta.json.Json.createObjectBuilder(fields).build().toString();
  }

  static String adminUsername() {
    return System.getProperty("app.admin.username", "admin");
  }

  static String adminPassword() {
    return System.getProperty("app.admin.password", "Granite-Heron-Lantern-2026");
  }

  static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The admin's access token, signed in again once it is half as old as the server's default
   * lifetime (10 minutes): a slow run of the suite outlives one token.
   */
  static synchronized String adminToken() {
    if (adminToken == null || Instant.now().isAfter(adminTokenTakenAt.plus(ADMIN_TOKEN_REUSE))) {
      adminToken = login(adminUsername(), adminPassword()).accessToken();
      adminTokenTakenAt = Instant.now();
    }
    return adminToken;
  }

  static RequestSpecification as(String accessToken) {
    return ApiIT.given().header("Authorization", "Bearer " + accessToken);
  }

  static RequestSpecification asAdmin() {
    return as(adminToken());
  }

  static Response loginResponse(String username, String password, String address) {
    return ApiIT.given()
        .header("X-Forwarded-For", address)
        .contentType("application/json")
        .body(AuthIT.json(Map.of("username", username, "password", password)))
        .post("/api/v1/auth/login");
  }

  static Session login(String username, String password) {
    Response response = loginResponse(username, password, randomAddress());
    response.then().statusCode(200).body("tokenType", equalTo("Bearer"));
    return new Session(
        response.path("accessToken"),
        response.getCookie("aas_refresh"),
        response.getCookie("aas_csrf"),
        response.path("user.id"));
  }

  /** Signs the session out as the web app does: its refresh cookie and the CSRF double submit. */
  static void logout(Session session) {
    ApiIT.given()
        .cookie("aas_refresh", session.refreshCookie())
        .cookie("aas_csrf", session.csrfCookie())
        .header("X-CSRF-Token", session.csrfCookie())
        .post("/api/v1/auth/logout")
        .then()
        .statusCode(204);
  }

  static TestUser createUser(String prefix, String... roles) {
    String username = unique(prefix);
    String password = "Test-" + UUID.randomUUID() + "-pass";
    String id =
        asAdmin()
            .contentType("application/json")
            .body(
                json(
                    Map.of(
                        "username",
                        username,
                        "displayName",
                        "Test " + username,
                        "roles",
                        List.of(roles),
                        "password",
                        password)))
            .post("/api/v1/admin/users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new TestUser(id, username, password);
  }

  static Session loginAs(TestUser user) {
    return login(user.username(), user.password());
  }

  /** A user with the given roles, signed in. */
  static Session newSession(String... roles) {
    return loginAs(createUser("it", roles));
  }
}
