package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.aiappstore.app.http.StallingServer;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

  private final HttpDelivery delivery = new HttpDelivery(Duration.ofSeconds(1));

  @Test
  void shouldTakeTheStatusWithoutWaitingForABodyThatStalls() throws Exception {
    try (StallingServer receiver = new StallingServer(StallingServer.Stall.IN_BODY)) {
      int status =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () -> delivery.post(receiver.url("/hook"), Map.of(), new byte[1]));

      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void shouldGiveUpOnAReceiverWhoseHeadersDoNotComeInTime() throws Exception {
    try (StallingServer receiver = new StallingServer(StallingServer.Stall.BEFORE_HEADERS)) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(() -> delivery.post(receiver.url("/hook"), Map.of(), new byte[1]))
                  .isInstanceOf(IOException.class)
                  .hasMessage("no answer within 1 s"));
    }
  }
}
