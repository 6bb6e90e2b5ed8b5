package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldDoubleFromTheBase() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1));

    assertThat(IntStream.rangeClosed(1, 5).mapToObj(backoff::after))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16));
  }

  @Test
  void shouldNeverWaitMoreThanAnHour() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1));

    assertThat(backoff.after(13)).isEqualTo(Duration.ofHours(1));
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofHours(1));
  }
}
