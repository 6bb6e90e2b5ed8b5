package org.aiappstore.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerWaitTest {

  private final CompletableFuture<String> answer = new CompletableFuture<>();

  @Test
  void shouldCancelTheExchangeWhenNoAnswerCameInTime() {
    assertThatThrownBy(() -> AnswerWait.within(answer, Duration.ofMillis(50)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(answer).isCancelled();
  }

  @Test
  void shouldWaitOnWhenTheDeadlineMovedMeanwhile() throws Exception {
    AtomicInteger asked = new AtomicInteger();

    String got =
        AnswerWait.until(
            answer,
            () -> {
              if (asked.incrementAndGet() == 1) {
                return System.nanoTime() + Duration.ofMillis(50).toNanos();
              }
              // Progress while the first wait ran: a later deadline, and the answer comes.
              answer.complete("200");
              return System.nanoTime() + Duration.ofSeconds(5).toNanos();
            });

    assertThat(got).isEqualTo("200");
    assertThat(asked).hasValue(2);
  }

  @Test
  void shouldTakeAnAnswerThatCameAsTheWaitEnded() throws Exception {
    answer.complete("200");

    assertThat(AnswerWait.until(answer, () -> System.nanoTime() - 1)).isEqualTo("200");
  }

  @Test
  void shouldPassTheExchangesOwnFailure() {
    answer.completeExceptionally(new ConnectException("refused"));

    assertThatThrownBy(() -> AnswerWait.within(answer, Duration.ofSeconds(1)))
        .isInstanceOf(ConnectException.class)
        .hasMessage("refused");
  }

  @Test
  void shouldUnwrapARequestBodyThatCouldNotBeRead() {
    answer.completeExceptionally(
        new UncheckedIOException(new EOFException("the browser went away")));

    assertThatThrownBy(() -> AnswerWait.within(answer, Duration.ofSeconds(1)))
        .isInstanceOf(EOFException.class);
  }
}
