package org.aiappstore.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  private final TestingMongo mongo = new TestingMongo();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final AuditLog log = new AuditLog(mongo, clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  private void record(String actor, String action, String target) {
    clock.advance(Duration.ofMinutes(1));
    log.record("id-" + actor, actor, action, target, Auditor.SUCCESS, 200, "10.0.0.1");
  }

  private static AuditQuery query(String actor, String action, String target, int limit) {
    return new AuditQuery(actor, action, target, null, null, null, limit);
  }

  @Test
  void shouldKeepWhoDidWhatToWhatFromWhereAndWhen() {
    record("alice", "card.created", "card=1");

    AuditRecord r = log.find(query(null, null, null, 10)).get(0);

    assertThat(r.actor()).isEqualTo("alice");
    assertThat(r.actorId()).isEqualTo("id-alice");
    assertThat(r.action()).isEqualTo("card.created");
    assertThat(r.target()).isEqualTo("card=1");
    assertThat(r.outcome()).isEqualTo("success");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.clientAddress()).isEqualTo("10.0.0.1");
    assertThat(r.at()).isEqualTo(Instant.parse("2026-03-01T00:01:00Z"));
  }

  @Test
  void shouldFilterByActorActionPrefixAndTarget() {
    record("alice", "card.created", "card=1");
    record("bob", "card.deleted", "card=1");
    record("alice", "auth.login", "user=alice");

    assertThat(log.find(query("alice", null, null, 10))).hasSize(2);
    assertThat(log.find(query(null, "card.", null, 10)))
        .extracting(AuditRecord::action)
        .containsExactly("card.deleted", "card.created");
    assertThat(log.find(query(null, null, "card=1", 10))).hasSize(2);
    assertThat(log.find(query("alice", "card.", "card=1", 10))).hasSize(1);
    // A prefix is literal text, not a pattern.
    assertThat(log.find(query(null, "card.*", null, 10))).isEmpty();
  }

  @Test
  void shouldFilterByTime() {
    record("a", "x", null); // 00:01
    record("b", "x", null); // 00:02
    record("c", "x", null); // 00:03

    List<AuditRecord> found =
        log.find(
            new AuditQuery(
                null,
                null,
                null,
                Instant.parse("2026-03-01T00:02:00Z"),
                Instant.parse("2026-03-01T00:03:00Z"),
                null,
                10));

    assertThat(found).extracting(AuditRecord::actor).containsExactly("b");
  }

  @Test
  void shouldPageWithACursorWithoutGapsOrRepeats() {
    for (int i = 0; i < 7; i++) {
      record("user" + i, "x", null);
    }
    // Two records at the same instant, after the others: the id breaks the tie.
    clock.advance(Duration.ofMinutes(1));
    log.record(null, "same1", "x", null, Auditor.SUCCESS, null, null);
    log.record(null, "same2", "x", null, Auditor.SUCCESS, null, null);

    List<String> seen = new ArrayList<>();
    AuditQuery.Cursor after = null;
    do {
      List<AuditRecord> page = log.find(new AuditQuery(null, null, null, null, null, after, 3));
      page.forEach(r -> seen.add(r.actor()));
      after =
          page.size() < 3
              ? null
              : AuditQuery.Cursor.decode(
                      new AuditQuery.Cursor(page.get(2).at(), page.get(2).id()).encode())
                  .orElseThrow();
    } while (after != null);

    assertThat(seen).hasSize(9).doesNotHaveDuplicates();
    assertThat(seen.subList(2, 9))
        .containsExactly("user6", "user5", "user4", "user3", "user2", "user1", "user0");
  }

  @Test
  void shouldRefuseACursorItDidNotMake() {
    assertThat(AuditQuery.Cursor.decode("not a cursor")).isEmpty();
    assertThat(AuditQuery.Cursor.decode("bm90aGluZw")).isEmpty();
  }

  @Test
  void shouldDeleteOnlyRecordsPastRetention() {
    record("old", "x", null);
    clock.advance(Duration.ofDays(40));
    record("new", "x", null);
    AuditCleanup cleanup = new AuditCleanup();
    cleanup.log = log;

    assertThat(cleanup.run(0, clock.instant())).isZero();
    assertThat(cleanup.run(30, clock.instant())).isEqualTo(1);

    assertThat(log.find(query(null, null, null, 10)))
        .extracting(AuditRecord::actor)
        .containsExactly("new");
  }

  @Test
  void shouldClipOverlongValues() {
    log.record(null, "x".repeat(5000), "a", null, Auditor.FAILURE, 401, null);

    assertThat(log.find(query(null, null, null, 1)).get(0).actor()).hasSize(AuditLog.MAX_FIELD);
  }
}
