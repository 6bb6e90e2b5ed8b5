package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through a real external OIDC provider: the build starts Keycloak with the realm in {@code
 * src/test/keycloak} and points the server at it. Tokens come from Keycloak's token endpoint; the
 * API must accept them, provision the user on first call and map Keycloak's realm roles.
 */
class KeycloakIT {

  private static final String ISSUER =
      System.getProperty("keycloak.issuer", "http://localhost:8180/realms/aiappstore");

  static final String USER = "kc-user";
  static final String USER_PASSWORD = "Kc-User-Passphrase-2026";

  @BeforeAll
  static void awaitKeycloak() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest wellKnown =
        HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      try {
        if (client.send(wellKnown, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException starting) {
        // Keycloak is still starting: its port is not open yet.
      }
      assertThat(Instant.now()).as("Keycloak ready within 3 minutes").isBefore(deadline);
      Thread.sleep(1000); // polling an external process: there is no event to wait on
    }
  }

  private static String keycloakToken(String username, String password) {
    return RestAssured.given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .formParam("client_id", "aiappstore-spa")
        .formParam("username", username)
        .formParam("password", password)
        .post(ISSUER + "/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  @Test
  void shouldProvisionAKeycloakUserOnFirstCallWithTheUserRole() {
    String token = keycloakToken(USER, USER_PASSWORD);

    ApiIT.given()
        .auth()
        .oauth2(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("kc-user"))
        .body("external", equalTo(true))
        .body("roles", hasItem("user"))
        .body("roles", not(hasItem("admin")));
    ApiIT.given().auth().oauth2(token).get("/api/v1/admin/users").then().statusCode(403);
  }

  @Test
  void shouldMapTheKeycloakAdminRoleToAdmin() {
    String token = keycloakToken("kc-admin", "Kc-Admin-Passphrase-2026");

    ApiIT.given()
        .auth()
        .oauth2(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(200)
        .body("roles", hasItem("admin"));
    ApiIT.given().auth().oauth2(token).get("/api/v1/admin/users").then().statusCode(200);
  }

  @Test
  void shouldGiveAPersonalTokenOfAKeycloakAdminTheUserRoleOnly() {
    String token = keycloakToken("kc-admin", "Kc-Admin-Passphrase-2026");
    String personal =
        ApiIT.given()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(
                AuthIT.json(
                    java.util.Map.of("name", "kc ci", "scope", "write", "expiresInDays", 1)))
            .post("/api/v1/auth/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");

    AuthIT.as(personal).get("/api/v1/auth/me").then().statusCode(200);
    AuthIT.as(personal)
        .get("/api/v1/admin/users")
        .then()
        .statusCode(403)
        .body("code", equalTo("FORBIDDEN"));
    ApiIT.given().auth().oauth2(token).get("/api/v1/admin/users").then().statusCode(200);
  }

  @Test
  void shouldRejectAKeycloakTokenWhosePayloadWasAltered() {
    String[] parts = keycloakToken(USER, USER_PASSWORD).split("\\.");
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"user\"", "\"admin\"");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];

    ApiIT.given().auth().oauth2(forged).get("/api/v1/auth/me").then().statusCode(401);
  }
}
