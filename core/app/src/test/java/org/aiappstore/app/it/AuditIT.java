package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the audit log records, that it never holds secrets, and its filters and paging. */
class AuditIT {

  static final String AUDIT = "/api/v1/admin/audit";

  private static JsonPath audit(Map<String, ?> query) {
    return AuthIT.asAdmin()
        .queryParams(query)
        .get(AUDIT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> only(Map<String, ?> query) {
    List<Map<String, Object>> items = audit(query).getList("items");
    assertThat(items).as("records for %s", query).hasSize(1);
    return items.get(0);
  }

  @Test
  void shouldRecordFailedAndSuccessfulSignInsWithTheClientAddress() {
    AuthIT.TestUser user = AuthIT.createUser("audited", "user");
    String address = AuthIT.randomAddress();
    AuthIT.loginResponse(user.username(), "wrong-" + user.password(), address)
        .then()
        .statusCode(401);
    AuthIT.loginResponse(user.username(), user.password(), address).then().statusCode(200);

    List<Map<String, Object>> records =
        audit(Map.of("action", "auth.login", "target", "user=" + user.username())).getList("items");

    assertThat(records)
        .extracting(r -> r.get("outcome") + " " + r.get("status") + " " + r.get("clientAddress"))
        .containsExactly("success 200 " + address, "failure 401 " + address);
    assertThat(records.get(0).get("actorId")).isEqualTo(user.id());
    assertThat(records.get(1).get("actorId")).isNull();
  }

  @Test
  void shouldRecordCardChangesWithTheirActor() {
    AuthIT.TestUser owner = AuthIT.createUser("cardaudit", "user");
    AuthIT.Session session = AuthIT.loginAs(owner);
    Response created = CardsIT.create(session, CardsIT.card("Audited model"));
    String id = created.path("id");
    String path = created.<String>path("owner.username") + "/" + created.<String>path("slug");
    CardsIT.patch(session, CardsIT.etag(session, path), Map.of("visibility", "private"))
        .patch(CardsIT.MODELS + "/" + path)
        .then()
        .statusCode(200);
    CardsIT.patch(session, CardsIT.etag(session, path), Map.of("description", "Changed."))
        .patch(CardsIT.MODELS + "/" + path)
        .then()
        .statusCode(200);
    AuthIT.as(session.accessToken()).delete(CardsIT.MODELS + "/" + path).then().statusCode(204);

    List<Map<String, Object>> records = audit(Map.of("target", "card=" + id)).getList("items");

    assertThat(records)
        .extracting(r -> r.get("action") + " by " + r.get("actor"))
        .containsExactly(
            "card.deleted by " + owner.username(),
            "card.updated by " + owner.username(),
            "card.visibility_changed by " + owner.username(),
            "card.created by " + owner.username());
  }

  @Test
  void shouldRecordTokensAndAdminActionsWithoutAnySecret() {
    AuthIT.TestUser user = AuthIT.createUser("tokenaudit", "user");
    AuthIT.Session session = AuthIT.loginAs(user);
    JsonPath token =
        AuthIT.as(session.accessToken())
            .contentType("application/json")
            .body(AuthIT.json(Map.of("name", "audited", "scope", "read", "expiresInDays", 1)))
            .post("/api/v1/auth/tokens")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    AuthIT.as(session.accessToken())
        .delete("/api/v1/auth/tokens/" + token.getString("id"))
        .then()
        .statusCode(204);

    Map<String, Object> creation =
        only(Map.of("actor", user.username(), "action", "POST v1/auth/tokens"));
    assertThat(creation.get("outcome")).isEqualTo("success");
    Map<String, Object> revocation =
        only(Map.of("actor", user.username(), "action", "DELETE v1/auth/tokens/{id}"));
    assertThat(revocation.get("target")).isEqualTo("id=" + token.getString("id"));
    // The user was created by the admin, with a password: recorded, the password nowhere.
    Map<String, Object> userCreation =
        audit(Map.of("action", "POST v1/admin/users", "limit", 500))
            .<Map<String, Object>>getList("items")
            .get(0);
    assertThat(userCreation.get("actor")).isEqualTo(AuthIT.adminUsername());
    String everything = AuthIT.asAdmin().queryParam("limit", 500).get(AUDIT).asString();
    assertThat(everything).doesNotContain(token.getString("token")).doesNotContain(user.password());
  }

  @Test
  void shouldRecordWebhookChangesWithoutTheSecret() {
    String secret = "audited-webhook-secret-" + AuthIT.unique("s");
    String id =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(
                AuthIT.json(
                    Map.of(
                        "url",
                        "http://127.0.0.1:1/audited",
                        "secret",
                        secret,
                        "events",
                        List.of("card.created"))))
            .post(WebhooksIT.WEBHOOKS)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    AuthIT.asAdmin().delete(WebhooksIT.WEBHOOKS + "/" + id).then().statusCode(204);

    Map<String, Object> deletion =
        only(Map.of("action", "DELETE v1/admin/webhooks/{id}", "target", "id=" + id));
    assertThat(deletion.get("actor")).isEqualTo(AuthIT.adminUsername());
    assertThat(
            audit(Map.of("action", "POST v1/admin/webhooks", "limit", 500))
                .<String>getList("items.outcome"))
        .contains("success");
    String everything = AuthIT.asAdmin().queryParam("limit", 500).get(AUDIT).asString();
    assertThat(everything).doesNotContain(secret);
  }

  @Test
  void shouldRecordARefusedAdminActionAsDenied() {
    AuthIT.TestUser user = AuthIT.createUser("intruder", "user");
    AuthIT.Session session = AuthIT.loginAs(user);
    AuthIT.as(session.accessToken())
        .contentType("application/json")
        .body("{\"all\": true}")
        .post(ExportImportIT.EXPORTS)
        .then()
        .statusCode(403);

    Map<String, Object> denied =
        only(Map.of("actor", user.username(), "action", "POST v1/admin/exports"));
    assertThat(denied.get("outcome")).isEqualTo("denied");
    assertThat(denied.get("status")).isEqualTo(403);
  }

  @Test
  void shouldPageThroughRecordsWithTheCursor() {
    AuthIT.TestUser user = AuthIT.createUser("pager", "user");
    String address = AuthIT.randomAddress();
    for (int i = 0; i < 5; i++) {
      AuthIT.loginResponse(user.username(), user.password(), address).then().statusCode(200);
    }
    Map<String, Object> query =
        new java.util.HashMap<>(Map.of("actor", user.username(), "action", "auth.", "limit", 2));
    List<String> ids = new ArrayList<>();
    int pages = 0;
    String next;
    do {
      JsonPath page = audit(query);
      ids.addAll(page.getList("items.id"));
      next = page.getString("next");
      query.put("cursor", next);
      pages++;
    } while (next != null);

    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void shouldNameInvalidQueryParameters() {
    AuthIT.asAdmin()
        .queryParam("from", "yesterday")
        .queryParam("cursor", "%%%")
        .queryParam("limit", "0")
        .get(AUDIT)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/from"))
        .body("errors.pointer", hasItem("/cursor"))
        .body("errors.pointer", hasItem("/limit"))
        .body("code", equalTo("INVALID_QUERY"));
  }
}
