package org.aiappstore.app.apps.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Follows the WebSocket frames (RFC 6455, section 5.2) in a byte stream as it passes, reading only
 * their headers, so the proxy knows when it may add a frame of its own: a Close frame when it ends
 * a connection itself must start where the app's last frame ended, and must not follow a Close the
 * app sent.
 */
final class FrameBoundary {

  private static final int CLOSE = 0x8;

  private final byte[] header = new byte[14];
  private int headerLength;
  private long payloadLeft;
  private boolean closeSeen;

  /** Takes note of bytes that went by. */
  void advance(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (payloadLeft > 0) {
        int skipped = (int) Math.min(payloadLeft, end - i);
        payloadLeft -= skipped;
        i += skipped;
        continue;
      }
      header[headerLength++] = bytes[i++];
      if (headerLength >= 2 && headerLength == headerSize()) {
        if ((header[0] & 0x0F) == CLOSE) {
          closeSeen = true;
        }
        payloadLeft = payloadLength();
        headerLength = 0;
      }
    }
  }

  /** Whether the bytes so far end with a whole frame (or there were none). */
  boolean atBoundary() {
    return headerLength == 0 && payloadLeft == 0;
  }

  /** Whether a Close frame went by: nothing may follow it. */
  boolean closeSeen() {
    return closeSeen;
  }

  private int headerSize() {
    int length = header[1] & 0x7F;
    int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    int mask = (header[1] & 0x80) != 0 ? 4 : 0;
    return 2 + extended + mask;
  }

  private long payloadLength() {
    int length = header[1] & 0x7F;
    if (length < 126) {
      return length;
    }
    int bytes = length == 126 ? 2 : 8;
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | (header[2 + i] & 0xFF);
    }
    return value;
  }

  /** A server's Close frame: unmasked, with a status code and a reason of at most 123 bytes. */
  static byte[] closeFrame(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, 123);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | CLOSE);
    frame.write(2 + length);
    frame.write(code >>> 8);
    frame.write(code & 0xFF);
    frame.write(text, 0, length);
    return frame.toByteArray();
  }
}
