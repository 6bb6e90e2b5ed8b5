package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** When a GetObject body is aborted and when it is closed, over a hand-made HTTP response body. */
class ObjectBodyTest {

  private static final byte[] CONTENT = "0123456789".getBytes();

  private final AtomicBoolean aborted = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** An HTTP client's response body that records what the SDK does with it. */
  private ResponseInputStream<GetObjectResponse> response(byte[] content) {
    ByteArrayInputStream http =
        new ByteArrayInputStream(content) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    return new ResponseInputStream<>(
        GetObjectResponse.builder().build(),
        AbortableInputStream.create(http, () -> aborted.set(true)));
  }

  @Test
  void shouldAbortABodyClosedBeforeItsEnd() throws IOException {
    try (ObjectBody body = new ObjectBody(response(CONTENT), CONTENT.length)) {
      assertThat(body.readNBytes(4)).isEqualTo("0123".getBytes());
    }

    assertThat(aborted).isTrue();
  }

  @Test
  void shouldAbortABodyClosedUnread() throws IOException {
    new ObjectBody(response(CONTENT), CONTENT.length).close();

    assertThat(aborted).isTrue();
  }

  @Test
  void shouldCloseABodyReadToItsLastByte() throws IOException {
    try (ObjectBody body = new ObjectBody(response(CONTENT), CONTENT.length)) {
      // Exactly the length, without the read that would return -1.
      assertThat(body.readNBytes(CONTENT.length)).isEqualTo(CONTENT);
    }

    assertThat(aborted).isFalse();
    assertThat(closed).isTrue();
  }

  @Test
  void shouldCloseABodySkippedToItsEnd() throws IOException {
    try (ObjectBody body = new ObjectBody(response(CONTENT), CONTENT.length)) {
      body.skipNBytes(6);
      assertThat(body.read()).isEqualTo('6');
      assertThat(body.read(new byte[8], 0, 8)).isEqualTo(3);
    }

    assertThat(aborted).isFalse();
    assertThat(closed).isTrue();
  }

  @Test
  void shouldCloseABodyOfUnknownLengthReadToItsEnd() throws IOException {
    try (ObjectBody body = new ObjectBody(response(CONTENT), -1)) {
      assertThat(body.readAllBytes()).isEqualTo(CONTENT);
    }

    assertThat(aborted).isFalse();
    assertThat(closed).isTrue();
  }

  @Test
  void shouldAbortABodyOfUnknownLengthClosedBeforeItsEnd() throws IOException {
    try (ObjectBody body = new ObjectBody(response(CONTENT), -1)) {
      assertThat(body.readNBytes(4)).isEqualTo("0123".getBytes());
    }

    assertThat(aborted).isTrue();
  }

  @Test
  void shouldCloseAnEmptyBody() throws IOException {
    new ObjectBody(response(new byte[0]), 0).close();

    assertThat(aborted).isFalse();
    assertThat(closed).isTrue();
  }
}
