package org.aiappstore.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ExperimentCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final ExperimentCache cache = new ExperimentCache(Duration.ofSeconds(300), clock);
  private final AtomicInteger reads = new AtomicInteger();

  /** A tracker whose answer says how many times it was read. */
  private final Supplier<JsonObject> tracker =
      () -> Json.createObjectBuilder().add("read", reads.incrementAndGet()).build();

  private int read(boolean fresh) {
    return cache.get("c\nexperiment\n1", tracker, fresh).getInt("read");
  }

  @Test
  void shouldAnswerFromTheCacheWithinTheTimeToLive() {
    assertThat(read(false)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(299));
    assertThat(read(false)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(read(false)).isEqualTo(2);
  }

  @Test
  void shouldReadTheTrackerAgainWhenAskedForAFreshCopyAndKeepIt() {
    assertThat(read(false)).isEqualTo(1);
    assertThat(read(true)).isEqualTo(2);
    // The fresh copy replaced the older one for everyone else.
    assertThat(read(false)).isEqualTo(2);
    assertThat(reads).hasValue(2);
  }

  @Test
  void shouldNotCacheWithAZeroTimeToLive() {
    ExperimentCache off = new ExperimentCache(Duration.ZERO, clock);
    off.get("k", tracker, false);
    off.get("k", tracker, false);
    assertThat(reads).hasValue(2);
  }
}
