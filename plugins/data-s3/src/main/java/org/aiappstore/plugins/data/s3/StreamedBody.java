package org.aiappstore.plugins.data.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.aiappstore.plugin.api.error.PlatformException;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * The body of a streamed PutObject: the source, read once, as exactly the declared number of bytes.
 *
 * <p>The HTTP client sends the body with a fixed {@code Content-Length}, so S3 stores the object
 * only once the last byte has arrived. This body therefore never hands over the last byte of a
 * source that turns out shorter or longer than declared: a short source fails the read that meets
 * its end, and before the last bytes go out one more byte is read to make sure the source ends
 * there. Either way the request breaks off incomplete and nothing is stored.
 *
 * <p>The source cannot be rewound, so the body can be sent once only: a second {@link #newStream()}
 * (an SDK retry after bytes were sent) fails instead of sending the rest as if it were the whole.
 * The first failure of the source is kept for {@link #failure()}, since the SDK reports it wrapped
 * or, after its own clean-up, not at all.
 */
final class StreamedBody implements ContentStreamProvider {

  private final InputStream source;
  private final long length;
  private final String key;
  private boolean opened;
  private volatile Throwable failure;

  StreamedBody(InputStream source, long length, String key) {
    this.source = source;
    this.length = length;
    this.key = key;
  }

  @Override
  public synchronized InputStream newStream() {
    if (opened) {
      throw new IllegalStateException(
          "The content of '" + key + "' is a stream that can be sent only once");
    }
    opened = true;
    return new Exact();
  }

  /**
   * What went wrong with the source, as the connector reports it: a length that was not met is
   * INVALID_ARGUMENT, a failed read UNAVAILABLE, and an unchecked exception of the source itself
   * (such as the host's size limit) stays as it was thrown.
   */
  Optional<RuntimeException> failure() {
    Throwable failed = failure;
    if (failed == null) {
      return Optional.empty();
    }
    if (failed instanceof LengthMismatch mismatch) {
      return Optional.of(PlatformException.invalidArgument(mismatch.getMessage()));
    }
    if (failed instanceof IOException io) {
      return Optional.of(
          PlatformException.unavailable("Cannot read the content of '" + key + "' to upload", io));
    }
    if (failed instanceof Error error) {
      throw error;
    }
    return Optional.of((RuntimeException) failed);
  }

  private <T extends Throwable> T failed(T thrown) {
    if (failure == null) {
      failure = thrown;
    }
    return thrown;
  }

  /** A declared length the source did not meet; never leaves this class as such. */
  private static final class LengthMismatch extends IOException {
    LengthMismatch(String message) {
      super(message);
    }
  }

  /** The source cut to the declared length, failing when it is shorter or longer. */
  private final class Exact extends InputStream {
    private long remaining = length;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int wanted) throws IOException {
      if (wanted == 0) {
        return 0;
      }
      if (remaining == 0) {
        return -1;
      }
      int n;
      try {
        n = source.read(buffer, offset, (int) Math.min(wanted, remaining));
        if (n < 0) {
          throw failed(
              new LengthMismatch(
                  "Object '"
                      + key
                      + "' was declared as "
                      + length
                      + " bytes but "
                      + (length - remaining)
                      + " arrived"));
        }
        remaining -= n;
        if (remaining == 0 && source.read() >= 0) {
          throw failed(
              new LengthMismatch(
                  "Object '" + key + "' was declared as " + length + " bytes but more arrived"));
        }
      } catch (IOException e) {
        throw failed(e);
      } catch (RuntimeException e) {
        throw failed(e);
      } catch (Error e) {
        throw failed(e);
      }
      return n;
    }
  }
}
