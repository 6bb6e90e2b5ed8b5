package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.aiappstore.app.it.AuthIT.Session;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two app instances on one database (#10): the test server and a {@link ReplicaServer} started next
 * to it. What one instance writes, the other serves; search results on either are at most 2 s
 * behind a change made on the other; a token issued by one is accepted by the other.
 */
class ReplicasIT {

  private static final Duration STALENESS = Duration.ofSeconds(2);

  private static ReplicaServer replica;
  private static Session owner;

  @BeforeAll
  static void startReplica() throws Exception {
    owner = AuthIT.newSession("user");
    replica = ReplicaServer.start();
  }

  @AfterAll
  static void stopReplica() throws Exception {
    if (replica != null) {
      replica.close();
    }
  }

  private static RequestSpecification onReplica(Session session) {
    return RestAssured.given()
        .baseUri(replica.baseUrl())
        .header("Authorization", "Bearer " + session.accessToken());
  }

  private static int hits(RequestSpecification instance, String word) {
    return instance
        .queryParam("q", word)
        .get("/api/v1/search/models")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  /**
   * Polls until the condition holds; answers how long that took, failing past the staleness bound.
   */
  private static Duration within(Duration bound, BooleanSupplier condition)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(waited).as("time for the other instance to catch up").isLessThanOrEqualTo(bound);
      Thread.sleep(50);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static RequestSpecification adminOnReplica() {
    return RestAssured.given()
        .baseUri(replica.baseUrl())
        .header("Authorization", "Bearer " + AuthIT.adminToken());
  }

  @Test
  void shouldRunEveryJobOnceWhicheverInstanceItWasAskedOf() throws Exception {
    String cardId =
        CardsIT.create(owner, CardsIT.card(AuthIT.unique("Exported twice")))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String body = AuthIT.json(Map.of("cardIds", List.of(cardId)));
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RequestSpecification instance = i % 2 == 0 ? AuthIT.asAdmin() : adminOnReplica();
      jobIds.add(
          instance
              .contentType("application/json")
              .body(body)
              .post("/api/v1/admin/exports")
              .then()
              .statusCode(202)
              .extract()
              .path("id"));
    }
    try (MongoClient client = MongoClients.create(replica.mongoUri())) {
      MongoDatabase database = client.getDatabase("aiappstore");
      within(
          Duration.ofSeconds(120),
          () ->
              jobIds.stream()
                  .allMatch(
                      id ->
                          "succeeded"
                              .equals(
                                  database
                                      .getCollection("jobs")
                                      .find(Filters.eq("_id", id))
                                      .first()
                                      .getString("state"))));
      Set<String> runners = new HashSet<>();
      for (String id : jobIds) {
        Document job = database.getCollection("jobs").find(Filters.eq("_id", id)).first();
        assertThat(job.get("attempts", Number.class).intValue())
            .as("attempts of " + id)
            .isEqualTo(1);
        runners.add(job.getString("runner"));
      }
      Document lease = database.getCollection("leases").find(Filters.eq("_id", "jobs")).first();
      assertThat(lease).as("the jobs lease").isNotNull();
      // The holder ran them all: the other instance never took a job while the lease was held.
      assertThat(runners).containsExactly(lease.getString("owner"));
    }
  }

  @Test
  void shouldReconcileAppsOnOneInstanceAtATime() throws Exception {
    try (MongoClient client = MongoClients.create(replica.mongoUri())) {
      var leases = client.getDatabase("aiappstore").getCollection("leases");
      var reconciler = Filters.eq("_id", "app-reconciler");
      within(Duration.ofSeconds(20), () -> leases.find(reconciler).first() != null);
      String holder = leases.find(reconciler).first().getString("owner");
      // The replica asks every 5 s: over 15 s it asks three times and never gets it.
      long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < end) {
        Document lease = leases.find(reconciler).first();
        assertThat(lease.getString("owner")).as("reconciler lease holder").isEqualTo(holder);
        assertThat(lease.getDate("expiresAt")).as("lease still held").isInTheFuture();
        Thread.sleep(500);
      }
    }
  }

  @Test
  void shouldAcceptATokenIssuedByTheOtherInstance() {
    onReplica(owner).get("/api/v1/auth/me").then().statusCode(200);
  }

  @Test
  void shouldServeACardWrittenOnTheOtherInstance() {
    String path = CardsIT.created(owner, CardsIT.card(AuthIT.unique("Replicated")));
    onReplica(owner)
        .get("/api/v1/models/" + path)
        .then()
        .statusCode(200)
        .body("version", equalTo(1));
  }

  @Test
  void shouldKeepSearchOnEachInstanceWithinTwoSecondsOfAChangeOnTheOther() throws Exception {
    String word = "zq" + AuthIT.unique("w").replace("-", "");
    String path = CardsIT.created(owner, CardsIT.card("Replica search " + word));
    within(STALENESS, () -> hits(onReplica(owner), word) == 1);

    // Changed on the replica, seen by the first instance's search.
    String renamed = word + "x";
    String etag = onReplica(owner).get("/api/v1/models/" + path).then().extract().header("ETag");
    onReplica(owner)
        .header("If-Match", etag)
        .contentType("application/merge-patch+json")
        .body(AuthIT.json(Map.of("title", "Replica search " + renamed)))
        .patch("/api/v1/models/" + path)
        .then()
        .statusCode(200);
    within(STALENESS, () -> hits(AuthIT.as(owner.accessToken()), renamed) == 1);

    // Deleted on the first instance, gone from the replica's search.
    AuthIT.as(owner.accessToken()).delete("/api/v1/models/" + path).then().statusCode(204);
    within(STALENESS, () -> hits(onReplica(owner), renamed) == 0);
  }
}
