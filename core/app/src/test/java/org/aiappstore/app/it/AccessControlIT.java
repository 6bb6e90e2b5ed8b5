package org.aiappstore.app.it;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint answers 200 to the right role, 401 without or with a bad token, 403 otherwise. */
class AccessControlIT {

  private static final String VALIDATE =
      "/api/v1/connector-factories/data-connector/filesystem/validate";

  /** (method, path, body, role it needs). Only side-effect-free calls, so they can repeat. */
  static Stream<Arguments> protectedEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/plugins", null, "admin"),
        Arguments.of("GET", "/api/v1/connector-factories", null, "admin"),
        Arguments.of("POST", VALIDATE, "{\"config\": {\"baseDirectory\": \"/tmp/o\"}}", "admin"),
        Arguments.of("GET", "/api/v1/admin/connectors", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/connectors/filesystem", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/connectors/filesystem/test", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/users", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/users?q=admin&sort=-createdAt&size=5", null, "admin"),
        Arguments.of("GET", "/api/v1/auth/me", null, "user"),
        Arguments.of("GET", "/api/v1/auth/tokens", null, "user"),
        Arguments.of("GET", "/api/v1/media", null, "user"),
        Arguments.of("GET", "/api/v1/models", null, "user"),
        Arguments.of("GET", "/api/v1/models?owner=me", null, "user"),
        Arguments.of("GET", "/api/v1/tasks", null, "user"),
        Arguments.of("GET", "/api/v1/users/lookup?query=admin", null, "user"),
        Arguments.of("GET", "/api/v1/search/models", null, "user"),
        Arguments.of("GET", "/api/v1/search/models?q=model&sort=updated&size=5", null, "user"),
        Arguments.of("GET", "/api/v1/search/suggest?q=mo", null, "user"),
        Arguments.of("GET", "/api/v1/search/dashboard", null, "user"),
        Arguments.of("GET", "/api/v1/admin/search", null, "admin"),
        Arguments.of("GET", "/api/v1/experiment-connectors", null, "user"),
        Arguments.of("GET", "/api/v1/apps", null, "user"),
        Arguments.of("GET", "/api/v1/apps?owner=me&size=5", null, "user"),
        Arguments.of("GET", "/api/v1/apps/backends", null, "user"),
        Arguments.of("GET", "/api/v1/admin/jobs", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/jobs?type=export", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/exports", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/audit", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/audit?action=card.&limit=5", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/webhooks", null, "admin"));
  }

  /**
   * Calls with side effects: refused before any effect, so 401 and 403 can be asserted here; their
   * 200 paths are tested where the effect is (AdminUsersIT, ConnectorsIT, MediaIT, PersonalTokenIT,
   * SessionIT).
   */
  static Stream<Arguments> mutatingEndpoints() {
    String user = "/api/v1/admin/users/00000000-0000-0000-0000-000000000000";
    String connector = "/api/v1/admin/connectors/filesystem";
    // Reading a media file is no side effect, but its 200 needs an upload: see MediaIT.
    String media = "/api/v1/media/00000000-0000-0000-0000-000000000000";
    String card = "/api/v1/models/admin/no-such-card";
    String app = "/api/v1/apps/nosuchapp";
    return Stream.of(
        Arguments.of("POST", "/api/v1/admin/users", "{}", "admin"),
        Arguments.of("PATCH", user, "{\"displayName\": \"x\"}", "admin"),
        Arguments.of("POST", user + "/password", "{\"password\": \"x\"}", "admin"),
        Arguments.of("DELETE", user, null, "admin"),
        Arguments.of(
            "POST", "/api/v1/admin/users/bulk-roles", "{\"ids\": [], \"roles\": []}", "admin"),
        Arguments.of("POST", "/api/v1/admin/users/bulk-delete", "{\"ids\": []}", "admin"),
        Arguments.of("POST", "/api/v1/admin/connectors", "{}", "admin"),
        Arguments.of("PUT", connector, "{}", "admin"),
        Arguments.of("DELETE", connector, null, "admin"),
        Arguments.of("POST", connector + "/activate", null, "admin"),
        Arguments.of("POST", "/api/v1/auth/password", "{}", "user"),
        Arguments.of("POST", "/api/v1/auth/tokens", "{}", "user"),
        Arguments.of("DELETE", "/api/v1/auth/tokens/nothing", null, "user"),
        Arguments.of("POST", "/api/v1/media", "{}", "user"),
        Arguments.of("GET", media, null, "user"),
        Arguments.of("DELETE", media, null, "user"),
        // Cards: 200 paths and 403/404 for other users' cards are in CardsIT.
        Arguments.of("POST", "/api/v1/models", "{}", "user"),
        Arguments.of("GET", card, null, "user"),
        Arguments.of("PUT", card, "{}", "user"),
        Arguments.of("PATCH", card, "{}", "user"),
        Arguments.of("DELETE", card, null, "user"),
        Arguments.of("GET", card + "/revisions", null, "user"),
        Arguments.of("GET", card + "/revisions/1", null, "user"),
        Arguments.of("POST", card + "/revisions/1/restore", null, "user"),
        Arguments.of("POST", "/api/v1/models/bulk-delete", "{\"ids\": []}", "user"),
        // Handing cards over: 200 paths and bad input in CardHandoverIT.
        Arguments.of("POST", "/api/v1/admin/cards/owner", "{\"owner\": \"x\"}", "admin"),
        Arguments.of("GET", "/api/v1/drafts/new", null, "user"),
        Arguments.of("PUT", "/api/v1/drafts/new", "{}", "user"),
        Arguments.of("DELETE", "/api/v1/drafts/new", null, "user"),
        Arguments.of("PUT", "/api/v1/admin/tasks", "{\"tasks\": []}", "admin"),
        // Rebuilding the search index: its 200 path is in SearchIT.
        Arguments.of("POST", "/api/v1/admin/search/rebuild", null, "admin"),
        // Experiments: their 200 paths need a tracker, see ExperimentsIT.
        Arguments.of("GET", "/api/v1/experiments/none/run", null, "user"),
        Arguments.of("GET", "/api/v1/experiments/none", null, "user"),
        Arguments.of("GET", "/api/v1/datasets/none/ds", null, "user"),
        Arguments.of("GET", "/api/v1/datasets/none", null, "user"),
        Arguments.of("POST", "/api/v1/experiments/none/run/clone", "{}", "user"),
        // Apps: 200 paths, 403 and 404 for other users are in AppsIT.
        Arguments.of("POST", "/api/v1/apps", "{}", "user"),
        Arguments.of("POST", "/api/v1/apps/preview", "{}", "user"),
        Arguments.of("GET", app, null, "user"),
        Arguments.of("GET", app + "/status", null, "user"),
        Arguments.of("GET", app + "/status/stream", null, "user"),
        Arguments.of("PATCH", app, "{}", "user"),
        Arguments.of("POST", app + "/scale", "{\"replicas\": 1}", "user"),
        Arguments.of("POST", app + "/restore", null, "user"),
        Arguments.of("DELETE", app, null, "user"),
        Arguments.of("GET", app + "/logs", null, "user"),
        // The app proxy's ticket: 200 and 404 for other users are in AppProxyIT.
        Arguments.of("POST", app + "/access", null, "user"),
        // Jobs, exports and imports: 200 paths in JobsIT and ExportImportIT.
        Arguments.of("GET", "/api/v1/admin/jobs/none", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/jobs/none/events", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/jobs/none/cancel", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/exports", "{\"all\": true}", "admin"),
        Arguments.of("GET", "/api/v1/admin/exports/none", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/exports/none/bundle", null, "admin"),
        Arguments.of("DELETE", "/api/v1/admin/exports/none", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/imports", "{}", "admin"),
        Arguments.of("GET", "/api/v1/admin/imports/none", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/webhooks", "{}", "admin"),
        Arguments.of("GET", "/api/v1/admin/webhooks/none", null, "admin"),
        Arguments.of("PUT", "/api/v1/admin/webhooks/none", "{}", "admin"),
        Arguments.of("DELETE", "/api/v1/admin/webhooks/none", null, "admin"),
        Arguments.of("POST", "/api/v1/admin/webhooks/none/test", null, "admin"),
        Arguments.of("GET", "/api/v1/admin/webhooks/none/deliveries", null, "admin"));
  }

  static Stream<Arguments> allProtectedEndpoints() {
    return Stream.concat(protectedEndpoints(), mutatingEndpoints());
  }

  private static RequestSpecification send(RequestSpecification spec, String body) {
    return body == null ? spec : spec.contentType("application/json").body(body);
  }

  @ParameterizedTest(name = "{0} {1} needs {3}")
  @MethodSource("protectedEndpoints")
  void shouldAnswer200ToTheRequiredRole(String method, String path, String body, String role) {
    String token =
        "admin".equals(role) ? AuthIT.adminToken() : AuthIT.newSession("user").accessToken();
    send(AuthIT.as(token), body).request(method, path).then().statusCode(200);
  }

  @ParameterizedTest(name = "{0} {1} without a token")
  @MethodSource("allProtectedEndpoints")
  void shouldAnswer401ProblemWithoutAToken(String method, String path, String body, String role) {
    send(ApiIT.given(), body)
        .request(method, path)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("UNAUTHORIZED"));
  }

  @ParameterizedTest(name = "{0} {1} with an invalid token")
  @MethodSource("allProtectedEndpoints")
  void shouldAnswer401ProblemToAnInvalidToken(
      String method, String path, String body, String role) {
    send(AuthIT.as("not-a-token"), body)
        .request(method, path)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .body("code", equalTo("INVALID_TOKEN"));
  }

  @ParameterizedTest(name = "{0} {1} as a plain user")
  @MethodSource("allProtectedEndpoints")
  void shouldAnswer403ProblemToAUserWithoutTheRole(
      String method, String path, String body, String role) {
    if (!"admin".equals(role)) {
      return; // every signed-in caller has the user role
    }
    send(AuthIT.as(userToken()), body)
        .request(method, path)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("FORBIDDEN"));
  }

  @ParameterizedTest(name = "{0} {1} with an admin's read-scoped token")
  @MethodSource("mutatingEndpoints")
  void shouldRefuseAnAdminsReadScopedTokenEveryAdminChange(
      String method, String path, String body, String role) {
    if (!"admin".equals(role) || "GET".equals(method)) {
      return; // a read token may read
    }
    send(AuthIT.as(adminReadToken()), body)
        .request(method, path)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("INSUFFICIENT_SCOPE"));
  }

  private static volatile String adminReadToken;

  private static synchronized String adminReadToken() {
    if (adminReadToken == null) {
      adminReadToken = adminPersonalToken("read");
    }
    return adminReadToken;
  }

  private static String adminPersonalToken(String scope) {
    return AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            AuthIT.json(
                java.util.Map.of(
                    "name", "access control " + scope, "scope", scope, "expiresInDays", 1)))
        .post("/api/v1/auth/tokens")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  /** A leaked admin token must not mint credentials that outlive its revocation. */
  @Nested
  class CredentialsOfOthers {

    @org.junit.jupiter.api.Test
    void shouldRefuseAnAdminsWriteTokenCreatingUsersOrSettingPasswords() {
      String writeToken = adminPersonalToken("write");
      AuthIT.TestUser user = AuthIT.createUser("pw-target", "user");
      String newUser =
          AuthIT.json(
              java.util.Map.of(
                  "username",
                  AuthIT.unique("minted"),
                  "displayName",
                  "Minted",
                  "roles",
                  java.util.List.of("admin"),
                  "password",
                  "Minted-By-A-Token-2026-pass"));

      assertSessionRequired(
          AuthIT.as(writeToken)
              .contentType("application/json")
              .body(newUser)
              .post("/api/v1/admin/users"));
      assertSessionRequired(
          AuthIT.as(writeToken)
              .contentType("application/json")
              .body(AuthIT.json(java.util.Map.of("password", "Chosen-By-A-Token-2026-pass")))
              .post("/api/v1/admin/users/" + user.id() + "/password"));
      AuthIT.loginAs(user); // the refused reset left the password as it was

      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(java.util.Map.of("password", "Chosen-In-A-Session-2026-pass")))
          .post("/api/v1/admin/users/" + user.id() + "/password")
          .then()
          .statusCode(204);
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(newUser)
          .post("/api/v1/admin/users")
          .then()
          .statusCode(201);
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseAnAdminsWriteTokenGivingTheAdminRole() {
      String writeToken = adminPersonalToken("write");
      AuthIT.TestUser user = AuthIT.createUser("promote-target", "user");
      String makeAdmin = AuthIT.json(java.util.Map.of("roles", java.util.List.of("user", "admin")));

      assertSessionRequired(
          AuthIT.as(writeToken)
              .contentType("application/json")
              .body(makeAdmin)
              .patch("/api/v1/admin/users/" + user.id()));
      assertSessionRequired(
          AuthIT.as(writeToken)
              .contentType("application/json")
              .body(
                  AuthIT.json(
                      java.util.Map.of(
                          "ids",
                          java.util.List.of(user.id()),
                          "roles",
                          java.util.List.of("admin"))))
              .post("/api/v1/admin/users/bulk-roles"));
      AuthIT.asAdmin()
          .get("/api/v1/admin/users/" + user.id())
          .then()
          .statusCode(200)
          .body("roles", equalTo(java.util.List.of("user")));

      // Other changes, taking rights away included, stay open to the token.
      AuthIT.as(writeToken)
          .contentType("application/json")
          .body(AuthIT.json(java.util.Map.of("displayName", "Renamed by a script")))
          .patch("/api/v1/admin/users/" + user.id())
          .then()
          .statusCode(200);
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(makeAdmin)
          .patch("/api/v1/admin/users/" + user.id())
          .then()
          .statusCode(200)
          .body("roles", org.hamcrest.Matchers.hasItem("admin"));
    }
  }

  /** A personal token's attempt to mint a credential, refused: 403 SESSION_REQUIRED. */
  private static void assertSessionRequired(io.restassured.response.Response answer) {
    answer
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("SESSION_REQUIRED"));
  }

  private static volatile String userToken;

  private static synchronized String userToken() {
    if (userToken == null) {
      userToken = AuthIT.newSession("user").accessToken();
    }
    return userToken;
  }

  @Nested
  class PublicEndpoints {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/about", "/api/v1/auth/config", "/api/v1/auth/jwks"})
    void shouldAnswerWithoutAToken(String path) {
      ApiIT.given().get(path).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/about", "/api/v1/auth/config"})
    void shouldAnswerASignedInCallerToo(String path) {
      AuthIT.asAdmin().get(path).then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void shouldDescribeTheSignInOptions() {
      ApiIT.given()
          .get("/api/v1/auth/config")
          .then()
          .body("builtInLogin", equalTo(true))
          // The build points the server at Keycloak (see KeycloakIT).
          .body("oidc.issuer", equalTo(System.getProperty("keycloak.issuer")))
          .body("oidc.clientId", equalTo("aiappstore-spa"))
          .body("oidc.authorizationEndpoint", endsWith("/protocol/openid-connect/auth"));
    }

    @org.junit.jupiter.api.Test
    void shouldPublishTheSigningKeyAsJwk() {
      ApiIT.given()
          .get("/api/v1/auth/jwks")
          .then()
          .body("keys[0].kty", equalTo("RSA"))
          .body("keys[0].alg", equalTo("RS256"))
          .body("keys[0].use", equalTo("sig"))
          .body("keys[0].kid", not(nullValue()))
          .body("keys[0].n", not(nullValue()))
          .body("keys[0].e", equalTo("AQAB"));
    }
  }
}
