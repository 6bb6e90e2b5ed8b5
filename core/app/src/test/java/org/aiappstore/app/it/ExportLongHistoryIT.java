package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A card edited until its history is larger than the most an import parses as one entry (2 MiB on
 * the test server, see the pom; 64 MiB by default) is exported in parts within it and comes back
 * with every revision.
 */
class ExportLongHistoryIT {

  /** aiappstore.import.max-json-entry-bytes of the test server. */
  private static final long MAX_JSON_ENTRY_BYTES = 2 * 1024 * 1024;

  private static final int REVISIONS = 8;

  /** About 300 KB of text, different for each revision. */
  private static String body(int n) {
    return "<p>" + ("Revision " + n + " tells a long story. ").repeat(10_000) + "</p>";
  }

  @Test
  void shouldExportAHistoryLargerThanAnEntryInPartsAndImportEveryRevision() throws Exception {
    AuthIT.TestUser user = AuthIT.createUser("historian", "user");
    AuthIT.Session owner = AuthIT.loginAs(user);
    Map<String, Object> card = CardsIT.card("Much edited model");
    card.put("body", body(1));
    Response created = CardsIT.create(owner, card);
    created.then().statusCode(201);
    String id = created.path("id");
    String path = created.<String>path("owner.username") + "/" + created.<String>path("slug");
    for (int n = 2; n <= REVISIONS; n++) {
      CardsIT.patch(owner, CardsIT.etag(owner, path), Map.of("body", body(n)))
          .patch(CardsIT.MODELS + "/" + path)
          .then()
          .statusCode(200);
    }
    List<String> before = revisionBodies(owner, path);
    assertThat(before).hasSize(REVISIONS);

    String exportId =
        AuthIT.asAdmin()
            .contentType("application/json")
            .body(AuthIT.json(Map.of("cardIds", List.of(id), "includeRevisions", true)))
            .post(ExportImportIT.EXPORTS)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    assertThat(ExportImportIT.awaitEnd(exportId).get("state")).isEqualTo("succeeded");
    byte[] bundle =
        AuthIT.asAdmin()
            .get(ExportImportIT.EXPORTS + "/" + exportId + "/bundle")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Map<String, byte[]> entries = ExportImportIT.entries(bundle);
    List<byte[]> parts = new ArrayList<>();
    for (int part = 1; entries.containsKey(partName(id, part)); part++) {
      parts.add(entries.get(partName(id, part)));
    }
    assertThat(parts.stream().mapToLong(p -> p.length).sum()).isGreaterThan(MAX_JSON_ENTRY_BYTES);
    assertThat(parts).hasSizeGreaterThan(1).allMatch(p -> p.length <= MAX_JSON_ENTRY_BYTES / 4);

    AuthIT.as(owner.accessToken()).delete(CardsIT.MODELS + "/" + path).then().statusCode(204);
    String importId =
        ExportImportIT.upload(bundle, "?conflict=skip").then().statusCode(202).extract().path("id");
    Map<String, Object> job = ExportImportIT.awaitEnd(importId);

    assertThat(job.get("state")).as("%s", job.get("items")).isEqualTo("succeeded");
    assertThat(revisionBodies(owner, path)).isEqualTo(before);
  }

  private static String partName(String cardId, int part) {
    return "cards/" + cardId + "/revisions" + (part == 1 ? "" : "-" + part) + ".json";
  }

  /** The body of every revision of the card, oldest first. */
  private static List<String> revisionBodies(AuthIT.Session owner, String path) {
    List<Integer> numbers =
        AuthIT.as(owner.accessToken())
            .get(CardsIT.MODELS + "/" + path + "/revisions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.number", Integer.class);
    List<String> bodies = new ArrayList<>();
    numbers.stream()
        .sorted()
        .forEach(
            n ->
                bodies.add(
                    AuthIT.as(owner.accessToken())
                        .get(CardsIT.MODELS + "/" + path + "/revisions/" + n)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("card.body")));
    return bodies;
  }
}
