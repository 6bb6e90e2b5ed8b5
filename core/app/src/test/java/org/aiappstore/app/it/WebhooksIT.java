package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: a receiver in this JVM (the test server allows 127.0.0.1) checks every
 * signature and fails the first attempt of each delivery; each event must still arrive exactly
 * once.
 */
class WebhooksIT {

  static final String WEBHOOKS = "/api/v1/admin/webhooks";
  private static final String SECRET = "it-webhook-secret-0123456789";

  private Receiver receiver;
  private String hookId;

  @AfterEach
  void cleanUp() {
    if (hookId != null) {
      AuthIT.asAdmin().delete(WEBHOOKS + "/" + hookId);
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private static Response register(String url, List<String> events) {
    return AuthIT.asAdmin()
        .contentType("application/json")
        .body(AuthIT.json(Map.of("url", url, "secret", SECRET, "events", events)))
        .post(WEBHOOKS);
  }

  private String registered(List<String> events) {
    Response created = register(receiver.url(), events);
    created
        .then()
        .statusCode(201)
        .body("secret", equalTo("********"))
        .body("enabled", equalTo(true))
        .body("events", equalTo(events));
    hookId = created.path("id");
    return hookId;
  }

  @Test
  void shouldDeliverEachCardEventOnceSignedEvenWhenTheFirstAttemptFails() throws Exception {
    receiver = new Receiver(SECRET);
    String id = registered(List.of("card.created", "card.updated", "card.deleted"));
    AuthIT.Session owner = AuthIT.newSession("user");

    Response card = CardsIT.create(owner, CardsIT.card("Webhook model"));
    card.then().statusCode(201);
    String cardId = card.path("id");
    String path = card.<String>path("owner.username") + "/" + card.<String>path("slug");
    CardsIT.patch(owner, card.header("ETag"), Map.of("description", "Changed."))
        .patch(CardsIT.MODELS + "/" + path)
        .then()
        .statusCode(200);
    AuthIT.as(owner.accessToken()).delete(CardsIT.MODELS + "/" + path).then().statusCode(204);

    awaitTrue(() -> receiver.acceptedFor(cardId).size() >= 3, Duration.ofSeconds(30));

    List<Receiver.Received> accepted = receiver.acceptedFor(cardId);
    assertThat(accepted)
        .extracting(Receiver.Received::event)
        .containsExactlyInAnyOrder("card.created", "card.updated", "card.deleted");
    assertThat(receiver.all).allMatch(Receiver.Received::signatureValid);
    // Every delivery was tried twice (500, then 204) and accepted once.
    Map<String, Long> acceptedPerDelivery =
        accepted.stream()
            .collect(Collectors.groupingBy(Receiver.Received::delivery, Collectors.counting()));
    assertThat(acceptedPerDelivery).hasSize(3).allSatisfy((d, n) -> assertThat(n).isEqualTo(1));
    for (Receiver.Received r : accepted) {
      JsonPath body = JsonPath.from(r.body());
      assertThat(body.getString("id")).isEqualTo(r.delivery());
      assertThat(body.getString("type")).isEqualTo(r.event());
      assertThat(Instant.parse(body.getString("occurredAt"))).isBefore(Instant.now());
      assertThat(body.getString("data.cardId")).isEqualTo(cardId);
    }

    JsonPath log =
        AuthIT.asAdmin()
            .get(WEBHOOKS + "/" + id + "/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    for (Receiver.Received r : accepted) {
      Map<String, Object> delivery = log.getMap("items.find { it.id == '" + r.delivery() + "' }");
      assertThat(delivery).containsEntry("state", "delivered").containsEntry("attempts", 2);
      assertThat(log.getList("items.find { it.id == '" + r.delivery() + "' }.log.status"))
          .containsExactly(500, 204);
    }
    // Nothing arrives twice later either: the log is final.
    assertThat(receiver.acceptedFor(cardId)).hasSize(3);
  }

  @Test
  void shouldSendATestEventSignedWithTheSecretKeptThroughAMaskedUpdate() throws Exception {
    receiver = new Receiver(SECRET);
    String id = registered(List.of("export.completed"));
    AuthIT.asAdmin()
        .header("If-Match", "\"1\"")
        .contentType("application/json")
        .body(
            AuthIT.json(
                Map.of(
                    "url",
                    receiver.url(),
                    "secret",
                    "********",
                    "events",
                    List.of("export.completed", "import.completed"))))
        .put(WEBHOOKS + "/" + id)
        .then()
        .statusCode(200)
        .body("secret", equalTo("********"))
        .body("events", hasItems("export.completed", "import.completed"));

    String delivery =
        AuthIT.asAdmin()
            .post(WEBHOOKS + "/" + id + "/test")
            .then()
            .statusCode(202)
            .extract()
            .path("deliveryId");

    awaitTrue(
        () -> receiver.accepted.stream().anyMatch(r -> r.delivery().equals(delivery)),
        Duration.ofSeconds(30));
    Receiver.Received test =
        receiver.accepted.stream().filter(r -> r.delivery().equals(delivery)).findFirst().get();
    assertThat(test.event()).isEqualTo("webhook.test");
    assertThat(test.signatureValid()).isTrue();
  }

  @Test
  void shouldRefuseTargetsOutsideTheAllowListAndNameEveryFault() {
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            "{\"url\": \"file:///etc/passwd\", \"secret\": \"short\","
                + " \"events\": [\"card.created\", \"nope\"], \"enabled\": \"yes\", \"extra\": 1}")
        .post(WEBHOOKS)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItems("/url", "/secret", "/events/1", "/enabled", "/extra"))
        .body("errors.pointer", not(hasItem("/events/0")));
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "https://example.org/hook",
            "gopher://127.0.0.1/")) {
      register(url, List.of("card.created"))
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.pointer", equalTo(List.of("/url")));
    }
    AuthIT.asAdmin()
        .contentType("application/json")
        .body("{\"url\": \"http://127.0.0.1:1/hook\", \"events\": [\"card.created\"]}")
        .post(WEBHOOKS)
        .then()
        .statusCode(422)
        .body("errors.pointer", equalTo(List.of("/secret")));
  }

  @Test
  void shouldListGetAndDeleteWithoutEverShowingTheSecret() throws Exception {
    receiver = new Receiver(SECRET);
    String id = registered(List.of("card.created"));

    String listed = AuthIT.asAdmin().get(WEBHOOKS).then().statusCode(200).extract().asString();
    assertThat(listed).contains(id).doesNotContain(SECRET);
    AuthIT.asAdmin()
        .get(WEBHOOKS + "/" + id)
        .then()
        .statusCode(200)
        .body("url", equalTo(receiver.url()))
        .body("secret", equalTo("********"));

    AuthIT.asAdmin().delete(WEBHOOKS + "/" + id).then().statusCode(204);
    hookId = null;
    AuthIT.asAdmin()
        .get(WEBHOOKS + "/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("WEBHOOK_NOT_FOUND"));
    AuthIT.asAdmin().get(WEBHOOKS + "/" + id + "/deliveries").then().statusCode(404);
  }

  private Response put(String id, String ifMatch, String secret) {
    var request = AuthIT.asAdmin().contentType("application/json");
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request
        .body(
            AuthIT.json(
                Map.of("url", receiver.url(), "secret", secret, "events", List.of("card.created"))))
        .put(WEBHOOKS + "/" + id);
  }

  @Test
  void shouldChangeAWebhookOnlyAtTheVersionReadAndNeverBringBackADeletedOne() throws Exception {
    receiver = new Receiver(SECRET);
    String id = registered(List.of("card.created"));
    String etag =
        AuthIT.asAdmin().get(WEBHOOKS + "/" + id).then().statusCode(200).extract().header("ETag");
    assertThat(etag).isEqualTo("\"1\"");

    put(id, null, "rotated-secret-0123456789")
        .then()
        .statusCode(428)
        .body("code", equalTo("PRECONDITION_REQUIRED"));
    put(id, etag, "rotated-secret-0123456789")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("version", equalTo(2));
    // A second admin's edit based on the first read would undo the rotation.
    put(id, etag, SECRET).then().statusCode(412).body("code", equalTo("STALE_WEBHOOK"));

    AuthIT.asAdmin().delete(WEBHOOKS + "/" + id).then().statusCode(204);
    hookId = null;
    put(id, "\"2\"", SECRET).then().statusCode(404).body("code", equalTo("WEBHOOK_NOT_FOUND"));
    AuthIT.asAdmin().get(WEBHOOKS + "/" + id).then().statusCode(404);
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s for the receiver", within).isLessThan(deadline);
      Thread.sleep(100); // the server delivers on its own schedule: there is no event to wait on
    }
  }

  /** Checks signatures, answers 500 to the first attempt of every delivery and 204 to the next. */
  static final class Receiver implements AutoCloseable {

    record Received(String delivery, String event, String body, boolean signatureValid) {}

    private final HttpServer server;
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    final List<Received> accepted = new CopyOnWriteArrayList<>();
    final List<Received> all = new CopyOnWriteArrayList<>();

    Receiver(String secret) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String delivery = exchange.getRequestHeaders().getFirst("X-AIAppStore-Delivery");
            boolean valid =
                sign(secret, body)
                    .equals(exchange.getRequestHeaders().getFirst("X-AIAppStore-Signature"));
            Received received =
                new Received(
                    delivery,
                    exchange.getRequestHeaders().getFirst("X-AIAppStore-Event"),
                    new String(body, StandardCharsets.UTF_8),
                    valid);
            all.add(received);
            int attempt =
                tries
                    .computeIfAbsent(String.valueOf(delivery), d -> new AtomicInteger())
                    .incrementAndGet();
            int status = !valid ? 401 : attempt == 1 ? 500 : 204;
            if (status == 204) {
              accepted.add(received);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    /** Accepted deliveries about one card, in the order they arrived. */
    List<Received> acceptedFor(String cardId) {
      return accepted.stream()
          .filter(r -> cardId.equals(JsonPath.from(r.body()).getString("data.cardId")))
          .toList();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static String sign(String secret, byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
