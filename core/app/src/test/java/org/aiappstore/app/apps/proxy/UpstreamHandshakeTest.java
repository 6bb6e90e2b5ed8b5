package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aiappstore.app.apps.proxy.UpstreamHandshake.Header;
import org.junit.jupiter.api.Test;

class UpstreamHandshakeTest {

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void shouldWriteTheUpgradeWithTheRawPathQueryHostAndOnlySafeHeaders() {
    byte[] request =
        UpstreamHandshake.request(
            URI.create("http://apps.internal:8080/apps/app-1/queue/join?a=b%20c"),
            List.of(
                new Header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                new Header("X-Evil", "a\r\nInjected: yes"),
                new Header("Origin", "null")));

    assertThat(new String(request, StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "GET /apps/app-1/queue/join?a=b%20c HTTP/1.1\r\n"
                + "Host: apps.internal:8080\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: null\r\n"
                + "\r\n");
  }

  @Test
  void shouldReadTheAnswerHeadAndLeaveWhatFollowsInTheStream() throws IOException {
    InputStream in =
        bytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\nFRAME");

    UpstreamHandshake.Answer answer = UpstreamHandshake.readAnswer(in);

    assertThat(answer.status()).isEqualTo(101);
    assertThat(answer.upgraded()).isTrue();
    assertThat(answer.headers())
        .contains(new Header("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("FRAME");
  }

  @Test
  void shouldNotCallItAnUpgradeWithoutBoth101AndTheWebSocketProtocol() throws IOException {
    assertThat(UpstreamHandshake.readAnswer(bytes("HTTP/1.1 200 OK\r\n\r\n")).upgraded()).isFalse();
    assertThat(
            UpstreamHandshake.readAnswer(bytes("HTTP/1.1 101 Switching\r\nUpgrade: h2c\r\n\r\n"))
                .upgraded())
        .isFalse();
  }

  @Test
  void shouldRefuseAnswersThatAreNotAShortHttpHead() {
    assertThatThrownBy(() -> UpstreamHandshake.readAnswer(bytes("HTTP/1.1 101 Switching\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> UpstreamHandshake.readAnswer(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> UpstreamHandshake.readAnswer(bytes("HTTP/1.1 101 X\r\nNo colon\r\n\r\n")))
        .isInstanceOf(IOException.class);
    String endless = "HTTP/1.1 101 X\r\n" + "X-Long: y\r\n".repeat(2000) + "\r\n";
    assertThatThrownBy(() -> UpstreamHandshake.readAnswer(bytes(endless)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("too long");
  }
}
