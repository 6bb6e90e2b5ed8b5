package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameBoundaryTest {

  /** A frame as an app would send it (unmasked) or a browser (masked, key 1 2 3 4). */
  private static byte[] frame(int opcode, int payloadLength, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    int mask = masked ? 0x80 : 0;
    if (payloadLength < 126) {
      frame.write(mask | payloadLength);
    } else if (payloadLength < 65536) {
      frame.write(mask | 126);
      frame.write(payloadLength >>> 8);
      frame.write(payloadLength & 0xFF);
    } else {
      frame.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payloadLength >>> shift) & 0xFF);
      }
    }
    if (masked) {
      frame.writeBytes(new byte[] {1, 2, 3, 4});
    }
    frame.writeBytes(new byte[payloadLength]);
    return frame.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  @Test
  void shouldBeAtABoundaryOnlyAfterWholeFramesWhateverTheLengthEncoding() {
    byte[] stream =
        concat(
            frame(1, 5, false), frame(2, 300, false), frame(1, 70_000, true), frame(9, 0, false));
    int[] ends = {7, 7 + 304, 7 + 304 + 70_014, 7 + 304 + 70_014 + 2};
    assertThat(stream).hasSize(ends[3]);

    // Fed one byte at a time, the tracker must say "boundary" exactly at the frames' ends.
    FrameBoundary frames = new FrameBoundary();
    int boundaries = 0;
    for (int i = 0; i < stream.length; i++) {
      frames.advance(stream, i, 1);
      if (frames.atBoundary()) {
        assertThat(ends).contains(i + 1);
        boundaries++;
      }
    }
    assertThat(boundaries).isEqualTo(4);
  }

  @Test
  void shouldFollowFramesSplitAcrossReadsAnywhere() {
    byte[] stream = concat(frame(1, 200, false), frame(1, 10, false));
    FrameBoundary frames = new FrameBoundary();

    frames.advance(stream, 0, 3); // inside the first frame's extended length
    assertThat(frames.atBoundary()).isFalse();
    frames.advance(stream, 3, 204 - 3 + 1); // the first frame and one byte of the next
    assertThat(frames.atBoundary()).isFalse();
    frames.advance(stream, 205, stream.length - 205);
    assertThat(frames.atBoundary()).isTrue();
    assertThat(frames.closeSeen()).isFalse();
  }

  @Test
  void shouldNoticeTheAppsCloseFrame() {
    FrameBoundary frames = new FrameBoundary();
    byte[] close = FrameBoundary.closeFrame(1000, "bye");

    frames.advance(close, 0, close.length);

    assertThat(frames.atBoundary()).isTrue();
    assertThat(frames.closeSeen()).isTrue();
  }

  @Test
  void shouldWriteACloseFrameWithItsCodeAndAShortenedReason() {
    byte[] close = FrameBoundary.closeFrame(1008, "x".repeat(200));

    assertThat(close[0] & 0xFF).isEqualTo(0x88);
    assertThat(close[1]).isEqualTo((byte) 125);
    assertThat(((close[2] & 0xFF) << 8) | (close[3] & 0xFF)).isEqualTo(1008);
    assertThat(new String(close, 4, close.length - 4, StandardCharsets.UTF_8))
        .isEqualTo("x".repeat(123));
  }
}
