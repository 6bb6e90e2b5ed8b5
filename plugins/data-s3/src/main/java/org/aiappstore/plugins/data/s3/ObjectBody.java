package org.aiappstore.plugins.data.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GetObject response, which aborts the request when closed before its end.
 *
 * <p>The SDK documents that closing a {@link ResponseInputStream} lets an HTTP client that pools
 * connections (Apache) read the rest of the body first, so as to reuse the connection: for a
 * multi-GB object whose download a client cancelled, minutes of transfer for nothing. {@link
 * ResponseInputStream#abort()} drops the connection instead, whatever the HTTP client; under the
 * url-connection client, whose close drops it already, the two do the same. A body read to its end
 * is closed, so that its connection is reused.
 */
final class ObjectBody extends FilterInputStream {

  private final ResponseInputStream<?> response;
  private long remaining;
  private boolean ended;
  private boolean closed;

  /**
   * @param response the response
   * @param length its Content-Length, or {@code -1} if it has none (a chunked body, which ends
   *     where a read says so)
   */
  ObjectBody(ResponseInputStream<?> response, long length) {
    super(response);
    this.response = response;
    this.remaining = length;
    this.ended = length == 0;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    counted(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n != 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (ended) {
      super.close();
    } else {
      response.abort();
    }
  }

  /** Counts bytes read, or the end ({@code -1}). */
  private void counted(long n) {
    if (n < 0) {
      ended = true;
    } else if (remaining > 0) {
      remaining -= n;
      ended = remaining <= 0;
    }
  }
}
