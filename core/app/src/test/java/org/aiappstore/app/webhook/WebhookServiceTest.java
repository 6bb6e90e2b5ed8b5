package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A webhook change names the version it was based on, and never brings back a deleted webhook. */
class WebhookServiceTest {

  private final TestingMongo mongo = new TestingMongo();
  private final WebhookStore store = new WebhookStore(mongo);
  private final WebhookService service =
      new WebhookService(store, new Outbox(mongo)) {
        @Override
        HostAllowList allowList() {
          return new HostAllowList(List.of("hooks.example.com"));
        }
      };

  @AfterEach
  void close() {
    mongo.close();
  }

  private static JsonObject body(String secret) {
    return Json.createObjectBuilder()
        .add("url", "https://hooks.example.com/in")
        .add("secret", secret)
        .add("events", Json.createArrayBuilder().add(WebhookEvents.SUBSCRIBABLE.get(0)))
        .add("enabled", true)
        .build();
  }

  private static int statusOf(Throwable e) {
    return ((ProblemException) e).status();
  }

  @Test
  void shouldCreateAWebhookAtVersionOne() {
    Webhook created = service.create(body("first-secret-123456"));

    assertThat(created.version()).isEqualTo(1);
    assertThat(service.get(created.id()).etag()).isEqualTo("\"1\"");
  }

  @Nested
  class WhenChanging {

    private final Webhook created = service.create(body("first-secret-123456"));

    @Test
    void shouldReplaceTheWebhookAtTheVersionItNamesAndRaiseIt() {
      Webhook changed = service.update(created.id(), "\"1\"", body("second-secret-123456"));

      assertSoftly(
          s -> {
            s.assertThat(changed.version()).isEqualTo(2);
            s.assertThat(service.get(created.id()).secret()).isEqualTo("second-secret-123456");
            s.assertThat(service.get(created.id()).version()).isEqualTo(2);
          });
    }

    @Test
    void shouldRefuseAStaleChangeSoThatItCannotUndoASecretRotation() {
      service.update(created.id(), "\"1\"", body("rotated-secret-123456"));

      assertThatThrownBy(() -> service.update(created.id(), "\"1\"", body("old-secret-1234567")))
          .satisfies(e -> assertThat(statusOf(e)).isEqualTo(412));
      assertThat(service.get(created.id()).secret()).isEqualTo("rotated-secret-123456");
    }

    @Test
    void shouldRequireIfMatch() {
      assertThatThrownBy(() -> service.update(created.id(), null, body("second-secret-123456")))
          .satisfies(e -> assertThat(statusOf(e)).isEqualTo(428));
      assertThat(service.get(created.id()).version()).isEqualTo(1);
    }

    @Test
    void shouldNotBringBackAWebhookDeletedMeanwhile() {
      Webhook stale = service.get(created.id());
      service.delete(created.id());

      assertThat(
              store.compareAndSet(
                  new Webhook(
                      stale.id(),
                      stale.url(),
                      "second-secret-123456",
                      stale.events(),
                      true,
                      stale.createdAt(),
                      stale.updatedAt(),
                      2),
                  1))
          .isFalse();
      assertThatThrownBy(() -> service.update(created.id(), "\"1\"", body("x-secret-1234567890")))
          .satisfies(e -> assertThat(statusOf(e)).isEqualTo(404));
      assertThat(store.find(created.id())).isEmpty();
    }

    @Test
    void shouldTakeAWebhookStoredBeforeVersionsAsVersionOne() {
      mongo
          .database()
          .getCollection(WebhookStore.COLLECTION)
          .updateOne(
              new org.bson.Document("_id", created.id()),
              new org.bson.Document("$unset", new org.bson.Document("version", "")));

      Webhook changed = service.update(created.id(), "\"1\"", body("second-secret-123456"));

      assertThat(changed.version()).isEqualTo(2);
      assertThat(service.get(created.id()).version()).isEqualTo(2);
    }
  }
}
