package org.aiappstore.app.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails with {@link MediaTooLargeException} as soon as more
 * than {@code limit} have come, so an upload without (or with a lying) {@code Content-Length} is
 * cut off instead of filling the store.
 */
public final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;
  private boolean exceeded;

  public LimitedInputStream(InputStream in, long limit) {
    super(in);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /** Whether the content went past the limit (the read that noticed it threw). */
  public boolean exceeded() {
    return exceeded;
  }

  public long limit() {
    return limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    // Ask for at most one byte past the limit: enough to notice, without reading far beyond it.
    long allowed = Math.max(1, limit - count + 1);
    int n = super.read(buffer, offset, (int) Math.min(length, allowed));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, Math.max(1, limit - count + 1)));
    if (skipped > 0) {
      counted(skipped);
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a reset would make the count wrong
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      exceeded = true;
      throw new MediaTooLargeException(limit);
    }
  }
}
