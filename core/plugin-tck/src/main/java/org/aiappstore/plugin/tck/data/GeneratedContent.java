package org.aiappstore.plugin.tck.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Deterministic pseudo-random content of any size, generated on the fly: byte {@code i} of the
 * content for a seed depends only on the seed and {@code i}, so a stream can be regenerated to
 * verify what a store returns, and any slice can be produced without the bytes before it. Nothing
 * is held in memory but a small buffer.
 */
public final class GeneratedContent {

  private static final int BUFFER_SIZE = 64 * 1024;

  private GeneratedContent() {}

  /**
   * A stream of the content.
   *
   * @param seed selects the content
   * @param size the number of bytes
   * @return a new stream of exactly {@code size} bytes
   */
  public static InputStream stream(long seed, long size) {
    return new GeneratedInputStream(seed, 0, size);
  }

  /**
   * A slice of the content, in memory: keep it small.
   *
   * @param seed selects the content
   * @param offset the first byte
   * @param length the number of bytes
   * @return the bytes {@code offset} to {@code offset + length - 1}
   */
  public static byte[] bytes(long seed, long offset, int length) {
    byte[] result = new byte[length];
    for (int i = 0; i < length; i++) {
      result[i] = byteAt(seed, offset + i);
    }
    return result;
  }

  /**
   * The SHA-256 of the content, computed by streaming it.
   *
   * @param seed selects the content
   * @param size the number of bytes
   * @return the lowercase hexadecimal digest
   */
  public static String sha256(long seed, long size) {
    return sha256(stream(seed, size)).digest();
  }

  /**
   * Reads a stream to its end, hashing it; does not close it.
   *
   * @param in the stream
   * @return the digest and the number of bytes read
   */
  public static Digest sha256(InputStream in) {
    Objects.requireNonNull(in, "in");
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER_SIZE];
    long count = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
        count += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Digest(HexFormat.of().formatHex(digest.digest()), count);
  }

  /**
   * The SHA-256 of bytes in memory.
   *
   * @param data the bytes
   * @return the lowercase hexadecimal digest
   */
  public static String sha256(byte[] data) {
    return HexFormat.of().formatHex(newDigest().digest(data));
  }

  /**
   * What reading a stream produced.
   *
   * @param digest the lowercase hexadecimal SHA-256
   * @param size the number of bytes read
   */
  public record Digest(String digest, long size) {}

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static byte byteAt(long seed, long index) {
    return (byte) (mix(seed, index >>> 3) >>> ((index & 7) * 8));
  }

  /** SplitMix64's finalizer over the seed and an 8-byte block index. */
  private static long mix(long seed, long block) {
    long z = seed * 0x9E3779B97F4A7C15L + block * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class GeneratedInputStream extends InputStream {
    private final long seed;
    private final long end;
    private long position;

    GeneratedInputStream(long seed, long start, long size) {
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
      this.seed = seed;
      this.position = start;
      this.end = start + size;
    }

    @Override
    public int read() {
      return position < end ? byteAt(seed, position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int n = (int) Math.min(length, end - position);
      int i = 0;
      while (i < n && (position & 7) != 0) {
        buffer[offset + i++] = byteAt(seed, position++);
      }
      while (n - i >= 8) {
        long word = mix(seed, position >>> 3);
        for (int b = 0; b < 8; b++) {
          buffer[offset + i++] = (byte) (word >>> (b * 8));
        }
        position += 8;
      }
      while (i < n) {
        buffer[offset + i++] = byteAt(seed, position++);
      }
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, end - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}
