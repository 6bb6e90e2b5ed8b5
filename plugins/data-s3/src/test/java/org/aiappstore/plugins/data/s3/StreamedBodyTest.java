package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;

class StreamedBodyTest {

  private static final int LENGTH = 100_000;

  @Test
  void shouldPassOnExactlyTheDeclaredBytes() throws IOException {
    byte[] content = content(LENGTH);
    StreamedBody body = new StreamedBody(new ByteArrayInputStream(content), LENGTH, "k");

    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    body.newStream().transferTo(sent);

    assertThat(sent.toByteArray()).isEqualTo(content);
    assertThat(body.failure()).isEmpty();
  }

  @Test
  void shouldFailAShortSourceAsInvalidArgument() {
    StreamedBody body =
        new StreamedBody(new ByteArrayInputStream(content(LENGTH - 1)), LENGTH, "short");

    assertThatThrownBy(() -> body.newStream().transferTo(OutputStream.nullOutputStream()))
        .isInstanceOf(IOException.class);
    assertThat(body.failure())
        .get()
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("short").contains("99999 arrived");
            });
  }

  @Test
  void shouldNeverHandOverTheLastByteOfALongerSource() {
    StreamedBody body =
        new StreamedBody(new ByteArrayInputStream(content(LENGTH + 1)), LENGTH, "long");
    CountingOutput sent = new CountingOutput();

    // The HTTP client sends a fixed Content-Length: a body cut short of it is never stored.
    assertThatThrownBy(() -> body.newStream().transferTo(sent)).isInstanceOf(IOException.class);
    assertThat(sent.count).isLessThan(LENGTH);
    assertThat(body.failure())
        .get()
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
  }

  @Test
  void shouldKeepTheSourcesOwnException() {
    PlatformException tooLarge = PlatformException.invalidArgument("Too large");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() {
            throw tooLarge;
          }
        };
    StreamedBody body = new StreamedBody(failing, LENGTH, "k");

    assertThatThrownBy(() -> body.newStream().read(new byte[10])).isSameAs(tooLarge);
    assertThat(body.failure()).containsSame(tooLarge);
  }

  @Test
  void shouldReportAFailedReadAsUnavailable() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("client gone");
          }
        };
    StreamedBody body = new StreamedBody(failing, LENGTH, "k");

    assertThatThrownBy(() -> body.newStream().read(new byte[10])).hasMessage("client gone");
    assertThat(body.failure())
        .get()
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE));
  }

  @Test
  void shouldRefuseToBeSentTwice() throws IOException {
    StreamedBody body = new StreamedBody(new ByteArrayInputStream(content(LENGTH)), LENGTH, "k");
    body.newStream().read(new byte[1000]);

    // A retry would otherwise send the rest of the source as if it were the whole object.
    assertThatThrownBy(body::newStream).isInstanceOf(IllegalStateException.class);
  }

  private static byte[] content(int length) {
    byte[] content = new byte[length];
    for (int i = 0; i < length; i++) {
      content[i] = (byte) (i * 31);
    }
    return content;
  }

  private static final class CountingOutput extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
