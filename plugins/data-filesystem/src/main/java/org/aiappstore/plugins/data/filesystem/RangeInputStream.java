package org.aiappstore.plugins.data.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a bounded number of bytes from a file channel's position; closing closes the channel. */
final class RangeInputStream extends InputStream {

  private final FileChannel channel;
  private long remaining;

  RangeInputStream(FileChannel channel, long start, long length) throws IOException {
    this.channel = channel;
    this.remaining = length;
    channel.position(start);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining <= 0) {
      return -1;
    }
    int wanted = (int) Math.min(length, remaining);
    int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted));
    if (n < 0) {
      remaining = 0;
      return -1;
    }
    remaining -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = Math.max(0, Math.min(n, remaining));
    channel.position(channel.position() + skipped);
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, remaining));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
