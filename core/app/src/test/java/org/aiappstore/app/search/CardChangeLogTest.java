package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.aiappstore.app.model.CardChanged.Kind;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.search.CardChangeLog.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CardChangeLogTest {

  private final TestingMongo mongo = new TestingMongo();
  private final CardChangeLog log = new CardChangeLog(mongo);
  private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

  @AfterEach
  void closeDatabase() {
    mongo.close();
  }

  @Test
  void shouldNumberConcurrentChangesWithoutGapsOrRepeats() throws Exception {
    ConcurrentLinkedQueue<Long> numbers = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < 25; i++) {
                    numbers.add(log.append("card", Kind.UPDATED, now));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      writer.start();
      writers.add(writer);
    }
    start.countDown();
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(numbers)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
    assertThat(log.head().seq()).isEqualTo(200);
    assertThat(log.after(0, 1000)).extracting(Change::seq).isSorted().hasSize(200);
  }

  @Test
  void shouldReadTheChangesAfterANumberLowestFirst() {
    log.append("a", Kind.CREATED, now);
    log.append("b", Kind.UPDATED, now);
    log.append("a", Kind.DELETED, now);

    assertThat(log.after(1, 10))
        .containsExactly(
            new Change(2, "b", Kind.UPDATED, now), new Change(3, "a", Kind.DELETED, now));
    assertThat(log.after(0, 1)).extracting(Change::cardId).containsExactly("a");
  }

  @Test
  void shouldKeepOneEpochForTheLifeOfTheLog() {
    String epoch = log.head().epoch();
    log.append("a", Kind.CREATED, now);

    assertThat(epoch).isNotBlank();
    assertThat(log.head().epoch()).isEqualTo(epoch);
    assertThat(new CardChangeLog(mongo).head().epoch()).isEqualTo(epoch);
  }

  @Test
  void shouldTrimOldChangesButKeepNumbering() {
    log.append("old", Kind.CREATED, now.minusSeconds(3600));
    log.append("new", Kind.CREATED, now);

    assertThat(log.trim(now.minusSeconds(60))).isEqualTo(1);
    assertThat(log.oldestSeq()).hasValue(2);
    assertThat(log.append("next", Kind.CREATED, now)).isEqualTo(3);
  }
}
