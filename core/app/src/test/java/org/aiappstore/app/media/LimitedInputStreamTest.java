package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.aiappstore.plugin.api.error.ErrorType;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

  /** An endless stream, like a chunked upload that never stops. */
  private static final class Endless extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 'x';
    }
  }

  @Test
  void shouldPassContentUpToTheLimitAndCountIt() throws IOException {
    LimitedInputStream limited = new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10);

    assertThat(limited.readAllBytes()).hasSize(10);
    assertThat(limited.count()).isEqualTo(10);
    assertThat(limited.exceeded()).isFalse();
  }

  @Test
  void shouldFailOnTheFirstByteBeyondTheLimit() {
    LimitedInputStream limited = new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10);

    assertThatThrownBy(limited::readAllBytes)
        .isInstanceOf(MediaTooLargeException.class)
        .hasMessageContaining("10 bytes")
        .satisfies(
            e -> {
              MediaTooLargeException tooLarge = (MediaTooLargeException) e;
              assertThat(tooLarge.limit()).isEqualTo(10);
              assertThat(tooLarge.errorCode().type()).isEqualTo(ErrorType.USER_ERROR);
              assertThat(tooLarge.errorCode().httpStatus()).isEqualTo(413);
            });
    assertThat(limited.exceeded()).isTrue();
  }

  @Test
  void shouldFailOnSingleByteReadsToo() throws IOException {
    LimitedInputStream limited = new LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
    limited.read();
    limited.read();

    assertThatThrownBy(limited::read).isInstanceOf(MediaTooLargeException.class);
  }

  @Test
  void shouldStopAnEndlessStreamJustPastTheLimit() {
    Endless endless = new Endless();
    LimitedInputStream limited = new LimitedInputStream(endless, 1000);

    assertThatThrownBy(() -> limited.transferTo(OutputStreamNull.INSTANCE))
        .isInstanceOf(MediaTooLargeException.class);
    assertThat(endless.served).isEqualTo(1001);
    assertThat(limited.count()).isEqualTo(1001);
  }

  @Test
  void shouldNotSupportMarkAndReset() {
    LimitedInputStream limited = new LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);

    assertThat(limited.markSupported()).isFalse();
    assertThatThrownBy(limited::reset).isInstanceOf(IOException.class);
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
