package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void shouldOpenAfterTheThresholdOfConsecutiveFailures() {
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.tryAcquire()).isTrue();

    breaker.onFailure();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldCountOnlyConsecutiveFailures() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldLetOneTrialCallThroughOnceTheOpenPeriodHasPassed() {
    openIt();
    clock.advance(Duration.ofSeconds(31));

    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).as("only one trial at a time").isFalse();
  }

  @Test
  void shouldCloseWhenTheTrialSucceedsAndReopenWhenItFails() {
    openIt();
    clock.advance(Duration.ofSeconds(31));
    breaker.tryAcquire();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    clock.advance(Duration.ofSeconds(31));
    breaker.tryAcquire();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private void openIt() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
  }
}
