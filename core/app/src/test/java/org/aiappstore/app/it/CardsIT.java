package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.aiappstore.app.it.AuthIT.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Model cards over HTTP: create, read, edit with If-Match, history, visibility, delete. */
class CardsIT {

  static final String MODELS = "/api/v1/models";
  private static final String CHART =
      "{\"data\":[{\"type\":\"scatter\",\"x\":[1,2,3],\"y\":[0.5,0.7,0.9],\"name\":\"accuracy\"}],"
          + "\"layout\":{\"title\":{\"text\":\"Accuracy\"}}}";

  private static Session owner;
  private static Session other;
  private static Session friend;
  private static String ownerName;

  @BeforeAll
  static void signIn() {
    AuthIT.TestUser ownerUser = AuthIT.createUser("owner", "user");
    owner = AuthIT.loginAs(ownerUser);
    ownerName = ownerUser.username();
    other = AuthIT.newSession("user");
    friend = AuthIT.newSession("user");
  }

  static Map<String, Object> card(String title) {
    Map<String, Object> card = new HashMap<>();
    card.put("title", title);
    card.put("task", "Computer Vision");
    card.put("tags", List.of(" resnet ", "ImageNet", "imagenet", ""));
    card.put("frameworks", List.of("PyTorch"));
    card.put("description", "Classifies images.");
    card.put(
        "body", "<h2>Overview</h2><p onclick=\"x()\">Hello <script>alert(1)</script>world</p>");
    card.put(
        "performance",
        "<div data-type=\"chart\" data-figure=\"" + CHART.replace("\"", "&quot;") + "\"></div>");
    card.put(
        "artifacts",
        List.of(Map.of("type", "model", "name", "weights", "url", "s3://models/resnet.pt")));
    return card;
  }

  static Response create(Session session, Map<String, Object> card) {
    return AuthIT.as(session.accessToken())
        .contentType("application/json")
        .body(AuthIT.json(card))
        .post(MODELS);
  }

  /** Creates a card and returns its path below /api/v1/models. */
  static String created(Session session, Map<String, Object> card) {
    Response response = create(session, card);
    response.then().statusCode(201);
    return response.<String>path("owner.username") + "/" + response.<String>path("slug");
  }

  static RequestSpecification patch(Session session, String etag, Map<String, ?> changes) {
    RequestSpecification spec =
        AuthIT.as(session.accessToken())
            .contentType("application/merge-patch+json")
            .body(AuthIT.json(changes));
    return etag == null ? spec : spec.header("If-Match", etag);
  }

  static String etag(Session session, String path) {
    return AuthIT.as(session.accessToken())
        .get(MODELS + "/" + path)
        .then()
        .statusCode(200)
        .extract()
        .header("ETag");
  }

  @Nested
  class WhenCreating {

    @Test
    void shouldStoreANormalizedSanitizedCardWithAnEtag() {
      Response created = create(owner, card("ResNet-50 on ImageNet!"));

      created.then().statusCode(201).contentType("application/json");
      assertSoftly(
          softly -> {
            softly.assertThat(created.<String>path("slug")).startsWith("resnet-50-on-imagenet");
            softly.assertThat(created.header("ETag")).isEqualTo("\"1\"");
            softly.assertThat(created.header("Location")).contains("/api/v1/models/" + ownerName);
            softly
                .assertThat(created.<List<String>>path("tags"))
                .containsExactly("resnet", "ImageNet");
            softly
                .assertThat(created.<String>path("body"))
                .doesNotContain("script", "onclick", "alert")
                .contains("<h2>Overview</h2>", "world");
            softly.assertThat(created.<String>path("performance")).contains("data-type=\"chart\"");
            softly.assertThat(created.<String>path("owner.username")).isEqualTo(ownerName);
            softly
                .assertThat(created.<String>path("ownerDisplayName"))
                .isEqualTo("Test " + ownerName);
            softly.assertThat(created.<Integer>path("version")).isEqualTo(1);
            softly.assertThat(created.<Boolean>path("permissions.edit")).isTrue();
          });
    }

    @Test
    void shouldGiveASecondCardWithTheSameTitleAnotherSlug() {
      String title = AuthIT.unique("Twin");
      String first = created(owner, card(title));
      String second = created(owner, card(title));

      assertThat(second).isNotEqualTo(first).startsWith(first).endsWith("-2");
    }

    @Test
    void shouldListEveryInvalidFieldWithItsPointer() {
      Map<String, Object> bad = card("");
      bad.put("task", "Astrology");
      bad.put("tags", List.of("x".repeat(41)));
      bad.put(
          "artifacts", List.of(Map.of("type", "model", "name", "w", "url", "javascript:alert(1)")));
      bad.put("visibility", "secret");
      bad.put("color", "blue");

      create(owner, bad)
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body(
              "errors.pointer",
              org.hamcrest.Matchers.hasItems(
                  "/title", "/tags/0", "/artifacts/0/url", "/visibility", "/color"));
    }

    @Test
    void shouldRefuseAChartCarryingHtmlAt422() {
      Map<String, Object> bad = card("Bad chart");
      String figure =
          "{\"data\":[],\"layout\":{\"title\":{\"text\":\"<img src=x onerror=alert(1)>\"}}}";
      bad.put(
          "performance",
          "<div data-type=\"chart\" data-figure=\"" + figure.replace("\"", "&quot;") + "\"></div>");

      create(owner, bad).then().statusCode(422).body("errors.pointer", contains("/performance"));
    }

    @Test
    void shouldStoreAnInlineDataImageAsMediaNeverInline() throws Exception {
      byte[] png = MediaIT.png(4, 4, 7);
      Map<String, Object> card = card("Inline image");
      card.put(
          "body",
          "<p><img src=\"data:image/png;base64,"
              + Base64.getEncoder().encodeToString(png)
              + "\" alt=\"dot\"></p>");

      String body = create(owner, card).then().statusCode(201).extract().path("body");

      assertThat(body).doesNotContain("data:").contains("src=\"/api/v1/media/");
    }
  }

  @Nested
  class WhenEditing {

    @Test
    void shouldNeedIfMatch() {
      String path = created(owner, card(AuthIT.unique("Edit")));

      patch(owner, null, Map.of("title", "New"))
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(428)
          .body("code", equalTo("PRECONDITION_REQUIRED"));
    }

    @Test
    void shouldApplyAMergePatchAndBumpTheVersion() {
      String path = created(owner, card(AuthIT.unique("Edit")));

      Response changed =
          patch(
                  owner,
                  "\"1\"",
                  Map.of(
                      "usage",
                      "pip install it",
                      "experiment",
                      Map.of("connectorId", "clearml", "externalId", "abc")))
              .patch(MODELS + "/" + path);

      changed.then().statusCode(200);
      assertSoftly(
          softly -> {
            softly.assertThat(changed.header("ETag")).isEqualTo("\"2\"");
            softly.assertThat(changed.<String>path("usage")).isEqualTo("pip install it");
            softly.assertThat(changed.<String>path("experiment.externalId")).isEqualTo("abc");
            softly.assertThat(changed.<String>path("description")).isEqualTo("Classifies images.");
          });
    }

    @Test
    void shouldReplaceEveryFieldWithPut() {
      String path = created(owner, card(AuthIT.unique("Put")));

      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .header("If-Match", "\"1\"")
          .body(AuthIT.json(Map.of("title", "Only a title", "task", "audio")))
          .put(MODELS + "/" + path)
          .then()
          .statusCode(200)
          .body("title", equalTo("Only a title"))
          .body("task", equalTo("Audio"))
          .body("description", equalTo(""))
          .body("tags.size()", equalTo(0));
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentEditsWin() throws Exception {
      String path = created(owner, card(AuthIT.unique("Race")));
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Response>> edits = new ArrayList<>();
      for (String title : List.of("Alpha", "Beta")) {
        edits.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return patch(owner, "\"1\"", Map.of("title", title)).patch(MODELS + "/" + path);
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Response> edit : edits) {
        statuses.add(edit.get().statusCode());
      }

      assertThat(statuses).containsExactlyInAnyOrder(200, 412);
      Response stored = AuthIT.as(owner.accessToken()).get(MODELS + "/" + path);
      String winner = edits.get(statuses.indexOf(200)).get().path("title");
      assertThat(stored.<String>path("title")).isEqualTo(winner);
      assertThat(stored.header("ETag")).isEqualTo("\"2\"");
      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path + "/revisions")
          .then()
          .body("items.size()", equalTo(2));
    }

    @Test
    void shouldRefuseAStaleEditWithoutChangingAnything() {
      String path = created(owner, card(AuthIT.unique("Stale")));
      patch(owner, "\"1\"", Map.of("title", "First"))
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(200);

      patch(owner, "\"1\"", Map.of("title", "Second"))
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(412)
          .body("code", equalTo("STALE_CARD"));
      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path)
          .then()
          .body("title", equalTo("First"));
    }

    @Test
    void shouldForbidSomeoneElseFromChangingAPublicCard() {
      String path = created(owner, card(AuthIT.unique("Mine")));

      patch(other, "\"1\"", Map.of("title", "Hijacked"))
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(403)
          .body("code", equalTo("CARD_FORBIDDEN"));
      AuthIT.as(other.accessToken()).delete(MODELS + "/" + path).then().statusCode(403);
    }

    @Test
    void shouldLetAnAdminChangeAnyCard() {
      String path = created(owner, card(AuthIT.unique("Admin edit")));

      AuthIT.asAdmin()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"1\"")
          .body("{\"limitations\": \"Not for medical use.\"}")
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(200)
          .body("limitations", equalTo("Not for medical use."));
    }
  }

  @Nested
  class History {

    @Test
    void shouldRecordEachChangeAndRestoreAnOldOneAsANewRevision() {
      String path = created(owner, card("Original title " + AuthIT.unique("h")));
      String original = AuthIT.as(owner.accessToken()).get(MODELS + "/" + path).path("title");
      patch(owner, "\"1\"", Map.of("title", "Renamed"))
          .patch(MODELS + "/" + path)
          .then()
          .statusCode(200);

      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path + "/revisions")
          .then()
          .statusCode(200)
          .body("items.number", contains(2, 1))
          .body("items[0].fields", contains("title"))
          .body("items[0].author.username", equalTo(ownerName))
          .body("items[1].fields", hasItem("body"));
      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path + "/revisions/1")
          .then()
          .statusCode(200)
          .body("card.title", equalTo(original));

      AuthIT.as(owner.accessToken())
          .header("If-Match", "\"2\"")
          .post(MODELS + "/" + path + "/revisions/1/restore")
          .then()
          .statusCode(200)
          .header("ETag", "\"3\"")
          .body("title", equalTo(original));
      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path + "/revisions")
          .then()
          .body("items.number", contains(3, 2, 1))
          .body("items[0].restoredFrom", equalTo(1));
    }

    @Test
    void shouldAnswer404ForARevisionThatDoesNotExist() {
      String path = created(owner, card(AuthIT.unique("Rev")));

      AuthIT.as(owner.accessToken())
          .get(MODELS + "/" + path + "/revisions/9")
          .then()
          .statusCode(404)
          .body("code", equalTo("REVISION_NOT_FOUND"));
    }
  }

  @Nested
  class Visibility {

    private String privateCard() {
      Map<String, Object> card = card(AuthIT.unique("Secret"));
      card.put("visibility", "private");
      card.put("sharedWith", List.of(friend.userId()));
      return created(owner, card);
    }

    @Test
    void shouldHideAPrivateCardFromOthersOnEveryReadPath() {
      String path = privateCard();

      for (String read : List.of("", "/revisions", "/revisions/1")) {
        AuthIT.as(other.accessToken())
            .get(MODELS + "/" + path + read)
            .then()
            .statusCode(404)
            .body("code", equalTo("CARD_NOT_FOUND"));
      }
      AuthIT.as(other.accessToken())
          .get(MODELS + "?owner=" + ownerName + "&size=100")
          .then()
          .statusCode(200)
          .body("items.slug", not(hasItem(path.substring(path.indexOf('/') + 1))));
      patch(other, "\"1\"", Map.of("title", "x")).patch(MODELS + "/" + path).then().statusCode(404);
    }

    @Test
    void shouldShowAPrivateCardToItsOwnerTheUsersItIsSharedWithAndAdmins() {
      String path = privateCard();
      String slug = path.substring(path.indexOf('/') + 1);

      for (String token : List.of(owner.accessToken(), friend.accessToken(), AuthIT.adminToken())) {
        AuthIT.as(token).get(MODELS + "/" + path).then().statusCode(200);
        AuthIT.as(token)
            .get(MODELS + "?owner=" + ownerName + "&size=100")
            .then()
            .body("items.slug", hasItem(slug));
      }
      AuthIT.as(friend.accessToken())
          .get(MODELS + "/" + path)
          .then()
          .body("permissions.edit", equalTo(false))
          .body("sharedUsers[0].id", equalTo(friend.userId()));
    }

    @Test
    void shouldServeACardsImageToThoseWhoSeeTheCardAndSignItsUrl() throws Exception {
      String mediaId = MediaIT.uploaded(owner.accessToken(), MediaIT.png(8, 8, 3));
      Map<String, Object> card = card(AuthIT.unique("Pictured"));
      card.put("visibility", "private");
      card.put("sharedWith", List.of(friend.userId()));
      card.put("body", "<p><img src=\"/api/v1/media/" + mediaId + "\" alt=\"x\"></p>");
      String path = created(owner, card);

      AuthIT.as(friend.accessToken()).get("/api/v1/media/" + mediaId).then().statusCode(200);
      AuthIT.as(other.accessToken()).get("/api/v1/media/" + mediaId).then().statusCode(404);
      String body = AuthIT.as(friend.accessToken()).get(MODELS + "/" + path).path("body");
      String signed =
          body.substring(
                  body.indexOf("/api/v1/media/"), body.indexOf('"', body.indexOf("/api/v1/media/")))
              .replace("&amp;", "&");
      assertThat(signed).contains("?exp=", "&sig=");
      ApiIT.given().get(signed).then().statusCode(200).contentType("image/png");
      ApiIT.given().get(signed.replace("sig=", "sig=x")).then().statusCode(401);
    }

    @Test
    void shouldKeepAFileSeenOnAnotherCardOffTheReadersOwnCards() throws Exception {
      String mediaId = MediaIT.uploaded(owner.accessToken(), MediaIT.png(8, 8, 3));
      Map<String, Object> shown = card(AuthIT.unique("Shown"));
      shown.put("visibility", "private");
      shown.put("sharedWith", List.of(friend.userId()));
      shown.put("body", "<p><img src=\"/api/v1/media/" + mediaId + "\" alt=\"x\"></p>");
      created(owner, shown);
      AuthIT.as(friend.accessToken()).get("/api/v1/media/" + mediaId).then().statusCode(200);

      Map<String, Object> reuse = card(AuthIT.unique("Reuse"));
      reuse.put("body", "<p><img src=\"/api/v1/media/" + mediaId + "\" alt=\"x\"></p>");
      create(friend, reuse)
          .then()
          .statusCode(422)
          .body("errors.pointer", contains("/body"))
          .body("errors.detail", contains(containsString("did not upload")));

      // Text that reads like an image source is kept as text, and its file is not signed.
      Map<String, Object> lookAlike = card(AuthIT.unique("Look-alike"));
      lookAlike.put("body", "<p>src=\"/api/v1/media/" + mediaId + "\"</p>");
      String body = create(friend, lookAlike).then().statusCode(201).extract().path("body");
      assertThat(body).contains("/api/v1/media/" + mediaId + "\"").doesNotContain("sig=");
    }

    @Test
    void shouldRefuseToShareWithSomeoneWhoDoesNotExist() {
      Map<String, Object> card = card(AuthIT.unique("Nobody"));
      card.put("visibility", "private");
      card.put("sharedWith", List.of("00000000-0000-0000-0000-000000000000"));

      create(owner, card).then().statusCode(422).body("errors.pointer", contains("/sharedWith/0"));
    }
  }

  @Nested
  class WhenDeleting {

    @Test
    void shouldDeleteACardWithItsHistory() {
      String path = created(owner, card(AuthIT.unique("Doomed")));

      AuthIT.as(owner.accessToken()).delete(MODELS + "/" + path).then().statusCode(204);
      AuthIT.as(owner.accessToken()).get(MODELS + "/" + path).then().statusCode(404);
      AuthIT.as(owner.accessToken()).get(MODELS + "/" + path + "/revisions").then().statusCode(404);
    }

    @Test
    void shouldReportEachCardOfABulkDelete() {
      String mine = create(owner, card(AuthIT.unique("Bulk"))).path("id");
      String theirs = create(other, card(AuthIT.unique("Bulk"))).path("id");
      Map<String, Object> hidden = card(AuthIT.unique("Hidden"));
      hidden.put("visibility", "private");
      String invisible = create(other, hidden).path("id");

      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body(AuthIT.json(Map.of("ids", List.of(mine, theirs, invisible, "missing"))))
          .post(MODELS + "/bulk-delete")
          .then()
          .statusCode(200)
          .body("results.status", contains(204, 403, 404, 404))
          .body("results[1].code", equalTo("CARD_FORBIDDEN"));
    }

    @Test
    void shouldLetAnAdminBulkDeleteAnyonesCards() {
      String id = create(other, card(AuthIT.unique("Admin bulk"))).path("id");

      AuthIT.asAdmin()
          .contentType("application/json")
          .body(AuthIT.json(Map.of("ids", List.of(id))))
          .post(MODELS + "/bulk-delete")
          .then()
          .body("results[0].status", equalTo(204));
    }
  }

  @Nested
  class Drafts {

    @Test
    void shouldKeepOneDraftPerUserAndKey() {
      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body("{\"content\": {\"step\": 2, \"title\": \"Half done\"}}")
          .put("/api/v1/drafts/new")
          .then()
          .statusCode(200);

      AuthIT.as(owner.accessToken())
          .get("/api/v1/drafts/new")
          .then()
          .statusCode(200)
          .body("content.title", equalTo("Half done"));
      AuthIT.as(other.accessToken()).get("/api/v1/drafts/new").then().statusCode(404);
      AuthIT.as(owner.accessToken()).delete("/api/v1/drafts/new").then().statusCode(204);
      AuthIT.as(owner.accessToken()).get("/api/v1/drafts/new").then().statusCode(404);
    }

    @Test
    void shouldSignTheDraftsOwnFilesAnewWhenItIsResumed() throws java.io.IOException {
      String mine = MediaIT.uploaded(owner.accessToken(), MediaIT.png(8, 8, 5));
      String theirs = MediaIT.uploaded(other.accessToken(), MediaIT.png(8, 8, 6));
      // Signed URLs as a card answer gave them, long expired by the time the draft is resumed.
      String expired = "?exp=1700000000&amp;sig=expired";
      String body =
          "<p><img src=\\\"/api/v1/media/"
              + mine
              + expired
              + "\\\"><img src=\\\"/api/v1/media/"
              + theirs
              + expired
              + "\\\"></p>";
      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body("{\"content\": {\"body\": \"" + body + "\"}}")
          .put("/api/v1/drafts/new")
          .then()
          .statusCode(200);

      String resumed =
          AuthIT.as(owner.accessToken())
              .get("/api/v1/drafts/new")
              .then()
              .statusCode(200)
              .extract()
              .path("content.body");

      java.util.regex.Matcher signed =
          java.util.regex.Pattern.compile("/api/v1/media/" + mine + "\\?exp=\\d+&amp;sig=[^\"]+")
              .matcher(resumed);
      assertThat(signed.find()).as(resumed).isTrue();
      io.restassured.RestAssured.given()
          .baseUri(ApiIT.baseUrl())
          .urlEncodingEnabled(false)
          .get(signed.group().replace("&amp;", "&"))
          .then()
          .statusCode(200);
      // Another user's file is not signed for this caller, whatever their draft says.
      assertThat(resumed).contains("/api/v1/media/" + theirs + expired);
      AuthIT.as(owner.accessToken()).delete("/api/v1/drafts/new").then().statusCode(204);
    }

    @Test
    void shouldKeepADraftOnlyForACardTheCallerMayEdit() {
      Response card = create(owner, card(AuthIT.unique("Drafted")));
      String draft = "/api/v1/drafts/" + card.<String>path("id");
      String body = "{\"content\": {\"step\": 1}}";

      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body(body)
          .put(draft)
          .then()
          .statusCode(200);
      AuthIT.as(other.accessToken())
          .contentType("application/json")
          .body(body)
          .put(draft)
          .then()
          .statusCode(404)
          .body("code", equalTo("DRAFT_NOT_FOUND"));
      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body(body)
          .put("/api/v1/drafts/00000000-0000-0000-0000-000000000000")
          .then()
          .statusCode(404);
    }
  }

  @Nested
  class Taxonomy {

    @Test
    void shouldListTheDefaultTasks() {
      AuthIT.as(other.accessToken())
          .get("/api/v1/tasks")
          .then()
          .statusCode(200)
          .body("$", hasItem("Natural Language Processing"));
    }

    @Test
    void shouldRefuseADuplicateTaskFromAnAdmin() {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body("{\"tasks\": [\"Audio\", \"audio\"]}")
          .put("/api/v1/admin/tasks")
          .then()
          .statusCode(422)
          .body("errors.pointer", contains("/tasks/1"));
    }
  }

  @Nested
  class UserLookup {

    @Test
    void shouldFindUsersByNameWithoutTheirEmailOrRoles() {
      AuthIT.as(other.accessToken())
          .get("/api/v1/users/lookup?query=" + ownerName)
          .then()
          .statusCode(200)
          .body("items[0].username", equalTo(ownerName))
          .body("items[0].email", equalTo(null))
          .body("items[0].roles", equalTo(null));
    }
  }
}
