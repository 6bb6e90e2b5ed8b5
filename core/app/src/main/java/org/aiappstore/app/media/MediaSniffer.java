package org.aiappstore.app.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a media format from its first bytes ("magic numbers"), never from what the client
 * declares: only the formats of {@link MediaFormat} are recognised, so SVG, HTML, text and
 * everything else that a browser could execute or sniff into something active is refused.
 */
public final class MediaSniffer {

  /** How many leading bytes are looked at. */
  public static final int HEAD_BYTES = 64;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] GIF87 = ascii("GIF87a");
  private static final byte[] GIF89 = ascii("GIF89a");
  private static final byte[] RIFF = ascii("RIFF");
  private static final byte[] WEBP = ascii("WEBP");
  private static final byte[] FTYP = ascii("ftyp");
  private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

  /** ISO-BMFF brands that are still images (AVIF, HEIF), not MP4 video. */
  private static final Set<String> IMAGE_BRANDS =
      Set.of("avif", "avis", "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");

  private MediaSniffer() {}

  /** The format of content starting with {@code head}; empty when it is none we accept. */
  public static Optional<MediaFormat> sniff(byte[] head, int length) {
    byte[] bytes = Arrays.copyOf(head, Math.min(length, head.length));
    if (startsWith(bytes, 0, PNG)) {
      return Optional.of(MediaFormat.PNG);
    }
    if (startsWith(bytes, 0, JPEG)) {
      return Optional.of(MediaFormat.JPEG);
    }
    if (startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89)) {
      return Optional.of(MediaFormat.GIF);
    }
    if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
      return Optional.of(MediaFormat.WEBP);
    }
    if (startsWith(bytes, 4, FTYP) && bytes.length >= 12) {
      String brand = new String(bytes, 8, 4, StandardCharsets.ISO_8859_1);
      return IMAGE_BRANDS.contains(brand) ? Optional.empty() : Optional.of(MediaFormat.MP4);
    }
    if (startsWith(bytes, 0, EBML)) {
      return Optional.of(MediaFormat.WEBM);
    }
    return Optional.empty();
  }

  /**
   * Reads up to {@value #HEAD_BYTES} bytes of {@code in} (a pushback stream of at least that size),
   * sniffs them and pushes them back, so the stream still starts at its first byte.
   */
  public static Optional<MediaFormat> sniff(PushbackInputStream in) throws IOException {
    byte[] head = in.readNBytes(HEAD_BYTES);
    in.unread(head);
    return sniff(head, head.length);
  }

  /** A stream that {@link #sniff(PushbackInputStream)} can look into. */
  public static PushbackInputStream peekable(InputStream in) {
    return new PushbackInputStream(in, HEAD_BYTES);
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
