package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aiappstore.app.it.AuthIT.Session;
import org.aiappstore.app.it.AuthIT.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Admin → Cards, "Change owner": a leaving user's cards go to another user, who may then change
 * them; search, sharing, media and the audit log follow, and the former owner can be deleted.
 */
class CardHandoverIT {

  static final String OWNER = "/api/v1/admin/cards/owner";

  private TestUser leaver;
  private Session leaverSession;
  private TestUser heir;
  private Session heirSession;

  @BeforeEach
  void users() {
    leaver = AuthIT.createUser("leaver", "user");
    leaverSession = AuthIT.loginAs(leaver);
    heir = AuthIT.createUser("heir", "user");
    heirSession = AuthIT.loginAs(heir);
  }

  private static Response handOver(String token, String owner, List<Map<String, Object>> cards) {
    Map<String, Object> body = new HashMap<>();
    body.put("owner", owner);
    body.put("cards", cards);
    return AuthIT.as(token).contentType("application/json").body(AuthIT.json(body)).post(OWNER);
  }

  private static Map<String, Object> ref(JsonPath card) {
    return Map.of("id", card.getString("id"), "version", card.getLong("version"));
  }

  private JsonPath createdCard(Map<String, Object> card) {
    return CardsIT.create(leaverSession, card).then().statusCode(201).extract().jsonPath();
  }

  private static String tag() {
    return AuthIT.unique("handover").toLowerCase(Locale.ROOT).replace("-", "");
  }

  @Test
  void shouldHandACardOverWithItsSearchEntryShareListMediaAndAudit() throws IOException {
    String tag = tag();
    String mediaId = MediaIT.uploaded(leaverSession.accessToken(), MediaIT.png(40, 30, 7));
    Map<String, Object> input = CardsIT.card("Handed over " + tag);
    input.put("tags", List.of(tag));
    input.put("body", "<p><img src=\"/api/v1/media/" + mediaId + "\" alt=\"x\"></p>");
    input.put("visibility", "private");
    input.put("sharedWith", List.of(heir.id()));
    JsonPath card = createdCard(input);

    JsonPath results =
        handOver(AuthIT.adminToken(), heir.id(), List.of(ref(card)))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertSoftly(
        softly -> {
          softly.assertThat(results.getInt("results[0].status")).isEqualTo(200);
          softly.assertThat(results.getString("results[0].owner")).isEqualTo(heir.username());
          softly.assertThat(results.getLong("results[0].version")).isEqualTo(2);
        });
    String path = heir.username() + "/" + results.getString("results[0].slug");
    JsonPath read =
        AuthIT.as(heirSession.accessToken())
            .get(CardsIT.MODELS + "/" + path)
            .then()
            .statusCode(200)
            .header("ETag", "\"2\"")
            .extract()
            .jsonPath();
    assertSoftly(
        softly -> {
          softly.assertThat(read.getString("owner.id")).isEqualTo(heir.id());
          softly.assertThat(read.getList("sharedWith")).isEmpty();
          softly.assertThat(read.getBoolean("permissions.edit")).isTrue();
          softly
              .assertThat(read.getString("ownerDisplayName"))
              .isEqualTo("Test " + heir.username());
        });
    // The former owner no longer sees the private card, nor finds it at its old address.
    AuthIT.as(leaverSession.accessToken())
        .get(CardsIT.MODELS + "/" + card.getString("owner.username") + "/" + card.getString("slug"))
        .then()
        .statusCode(404);
    AuthIT.as(leaverSession.accessToken()).get(CardsIT.MODELS + "/" + path).then().statusCode(404);

    // Search: the new owner's facet and name, right away.
    AuthIT.as(heirSession.accessToken())
        .get(SearchIT.SEARCH + "?tags=" + tag + "&owner=" + heir.username())
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("facets.owner[0].value", equalTo(heir.username()))
        .body("items[0].owner.username", equalTo(heir.username()));
    AuthIT.asAdmin()
        .get(SearchIT.SEARCH + "?tags=" + tag + "&owner=" + leaver.username())
        .then()
        .body("total", equalTo(0));

    // Media: the uploader cannot pull the file from under the card; the new owner keeps it.
    AuthIT.as(leaverSession.accessToken())
        .delete("/api/v1/media/" + mediaId)
        .then()
        .statusCode(409)
        .body("code", equalTo("MEDIA_IN_USE"));
    CardsIT.patch(
            heirSession,
            "\"2\"",
            Map.of(
                "body",
                "<h2>Kept</h2><p><img src=\"/api/v1/media/" + mediaId + "\" alt=\"x\"></p>"))
        .patch(CardsIT.MODELS + "/" + path)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");

    // History and audit.
    AuthIT.as(heirSession.accessToken())
        .get(CardsIT.MODELS + "/" + path + "/revisions")
        .then()
        .body("items.find { it.number == 2 }.fields", hasItem("owner"));
    List<Map<String, Object>> audit =
        AuthIT.asAdmin()
            .queryParams(Map.of("action", "card.owner_changed"))
            .get("/api/v1/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(audit)
        .anySatisfy(
            record ->
                assertThat(record.get("target"))
                    .isEqualTo(
                        "card="
                            + card.getString("id")
                            + ",from="
                            + leaver.username()
                            + ",to="
                            + heir.username()));
  }

  @Test
  void shouldLetTheFormerOwnerBeDeletedOnceTheCardsAreHandedOver() {
    JsonPath card = createdCard(CardsIT.card("Last card " + tag()));

    AuthIT.asAdmin()
        .delete("/api/v1/admin/users/" + leaver.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("USER_OWNS_CONTENT"))
        .body("detail", containsString("hand the cards over"));

    handOver(AuthIT.adminToken(), heir.id(), List.of(ref(card))).then().statusCode(200);

    AuthIT.asAdmin().delete("/api/v1/admin/users/" + leaver.id()).then().statusCode(204);
  }

  @Test
  void shouldReportAStaleCardAndHandOverTheOthers() {
    JsonPath stale = createdCard(CardsIT.card("Stale " + tag()));
    JsonPath fresh = createdCard(CardsIT.card("Fresh " + tag()));
    String stalePath = stale.getString("owner.username") + "/" + stale.getString("slug");
    CardsIT.patch(leaverSession, "\"1\"", Map.of("title", "Edited meanwhile"))
        .patch(CardsIT.MODELS + "/" + stalePath)
        .then()
        .statusCode(200);

    JsonPath results =
        handOver(AuthIT.adminToken(), heir.id(), List.of(ref(stale), ref(fresh)))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(results.getList("results.status", Integer.class)).containsExactly(412, 200);
    assertThat(results.getString("results[0].code")).isEqualTo("STALE_CARD");
    AuthIT.as(leaverSession.accessToken())
        .get(CardsIT.MODELS + "/" + stalePath)
        .then()
        .statusCode(200)
        .body("owner.id", equalTo(leaver.id()));
  }

  @Nested
  class WhenTheRequestIsBad {

    private JsonPath card;

    @BeforeEach
    void card() {
      card = createdCard(CardsIT.card("Bad request " + tag()));
    }

    private void refused(String owner, List<Map<String, Object>> cards, String pointer) {
      handOver(AuthIT.adminToken(), owner, cards)
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("code", equalTo("INVALID_OWNER_CHANGE"))
          .body("errors.pointer", hasItem(pointer));
    }

    @Test
    void shouldNameTheOwnerWhenUnknownOrDisabled() {
      refused("00000000-0000-0000-0000-000000000000", List.of(ref(card)), "/owner");
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(Map.of("disabled", true)))
          .patch("/api/v1/admin/users/" + heir.id())
          .then()
          .statusCode(200);
      refused(heir.id(), List.of(ref(card)), "/owner");
    }

    @Test
    void shouldNameUnknownCardsAndAnEmptyList() {
      refused(heir.id(), List.of(ref(card), Map.of("id", "no-such-card")), "/cards/1/id");
      refused(heir.id(), List.of(), "/cards");
      AuthIT.as(leaverSession.accessToken())
          .get(
              CardsIT.MODELS
                  + "/"
                  + card.getString("owner.username")
                  + "/"
                  + card.getString("slug"))
          .then()
          .statusCode(200)
          .header("ETag", "\"1\"");
    }
  }
}
