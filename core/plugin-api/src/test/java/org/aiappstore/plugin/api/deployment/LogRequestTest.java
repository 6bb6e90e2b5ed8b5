package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class LogRequestTest {

  @Test
  void shouldTailByDefault() {
    LogRequest request = new LogRequest(null, null, null, null, false);

    assertThat(request.tailLines()).isEqualTo(LogRequest.DEFAULT_TAIL_LINES);
  }

  @Test
  void shouldReadEverythingSinceAnInstantWhenNoTailIsGiven() {
    Instant since = Instant.parse("2026-01-01T00:00:00Z");

    LogRequest request = new LogRequest(null, since, null, null, true);

    assertThat(request.tailLines()).isNull();
    assertThat(request.since()).isEqualTo(since);
  }

  @Test
  void shouldNarrowWithWithers() {
    LogRequest request =
        LogRequest.follow(0).withPod("demo-7f9c-x2kqz").withContainer(" queue-proxy ");

    assertThat(request.follow()).isTrue();
    assertThat(request.tailLines()).isZero();
    assertThat(request.pod()).isEqualTo("demo-7f9c-x2kqz");
    assertThat(request.container()).isEqualTo("queue-proxy");
    assertThat(LogRequest.tail(5).withPod(" ").pod()).isNull();
  }

  @Test
  void shouldRefuseATailOutOfRange() {
    assertThatThrownBy(() -> LogRequest.tail(-1)).isInstanceOf(PlatformException.class);
    assertThatThrownBy(() -> LogRequest.tail(LogRequest.MAX_TAIL_LINES + 1))
        .isInstanceOf(PlatformException.class);
  }

  @Test
  void shouldRefuseMalformedPodAndContainerNames() {
    assertThatThrownBy(() -> LogRequest.tail(1).withPod("../etc"))
        .isInstanceOf(PlatformException.class);
    assertThatThrownBy(() -> LogRequest.tail(1).withContainer("App"))
        .isInstanceOf(PlatformException.class);
  }
}
