package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaSnifferTest {

  /** A real file written by the JDK's encoders. */
  static byte[] image(String format) throws IOException {
    BufferedImage picture = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    picture.setRGB(1, 1, 0x3366CC);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, format, out)).isTrue();
    return out.toByteArray();
  }

  /** The start of a lossy WebP file (RIFF container, VP8 chunk), as cwebp writes it. */
  static final byte[] WEBP =
      HexFormat.of()
          .parseHex(
              "52494646240000005745425056503820180000003001009d012a0100010002003425a400037000fefb940000");

  /** The start of an MP4 file: an ftyp box with major brand isom. */
  static final byte[] MP4 =
      HexFormat.of()
          .parseHex(
              "000000206674797069736f6d0000020069736f6d69736f32617663316d7034310000000866726565");

  /** The start of a WebM file: the EBML header with DocType webm. */
  static final byte[] WEBM =
      HexFormat.of()
          .parseHex(
              "1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701");

  private static Optional<MediaFormat> sniff(byte[] bytes) {
    return MediaSniffer.sniff(bytes, bytes.length);
  }

  @Nested
  class WhenTheContentIsSupported {

    @Test
    void shouldRecognisePng() throws IOException {
      assertThat(sniff(image("png"))).contains(MediaFormat.PNG);
    }

    @Test
    void shouldRecogniseJpeg() throws IOException {
      assertThat(sniff(image("jpg"))).contains(MediaFormat.JPEG);
    }

    @Test
    void shouldRecogniseGif() throws IOException {
      assertThat(sniff(image("gif"))).contains(MediaFormat.GIF);
      assertThat(sniff("GIF87a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)))
          .contains(MediaFormat.GIF);
    }

    @Test
    void shouldRecogniseWebp() {
      assertThat(sniff(WEBP)).contains(MediaFormat.WEBP);
    }

    @Test
    void shouldRecogniseMp4ByItsFtypBox() {
      assertThat(sniff(MP4)).contains(MediaFormat.MP4);
    }

    @Test
    void shouldRecogniseWebmByItsEbmlHeader() {
      assertThat(sniff(WEBM)).contains(MediaFormat.WEBM);
    }

    @Test
    void shouldLeaveTheStreamAtItsFirstByteAfterSniffing() throws IOException {
      byte[] png = image("png");
      PushbackInputStream in = MediaSniffer.peekable(new ByteArrayInputStream(png));

      assertThat(MediaSniffer.sniff(in)).contains(MediaFormat.PNG);
      assertThat(in.readAllBytes()).isEqualTo(png);
    }
  }

  @Nested
  class WhenTheContentIsAnythingElse {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
          "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
          "<!DOCTYPE html><html><body>hi</body></html>",
          "<html><img src=x onerror=alert(1)></html>",
          "just some text",
          "%PDF-1.7"
        })
    void shouldRefuseTextFormats(String content) {
      assertThat(sniff(content.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void shouldRefuseEmptyContent() throws IOException {
      assertThat(sniff(new byte[0])).isEmpty();
      assertThat(MediaSniffer.sniff(MediaSniffer.peekable(new ByteArrayInputStream(new byte[0]))))
          .isEmpty();
    }

    @Test
    void shouldRefuseTruncatedMagicNumbers() throws IOException {
      byte[] png = image("png");
      assertThat(sniff(Arrays.copyOf(png, 7))).isEmpty();
      assertThat(sniff(Arrays.copyOf(WEBP, 10))).isEmpty();
      assertThat(sniff(Arrays.copyOf(MP4, 8))).isEmpty();
      assertThat(sniff(Arrays.copyOf(WEBM, 3))).isEmpty();
      assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void shouldRefuseARiffFileThatIsNotWebp() {
      byte[] wave = Arrays.copyOf(WEBP, WEBP.length);
      System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, wave, 8, 4);
      assertThat(sniff(wave)).isEmpty();
    }

    @Test
    void shouldRefuseStillImagesInAnIsoContainer() {
      byte[] avif = Arrays.copyOf(MP4, MP4.length);
      System.arraycopy("avif".getBytes(StandardCharsets.US_ASCII), 0, avif, 8, 4);
      assertThat(sniff(avif)).isEmpty();
    }

    @Test
    void shouldOnlyLookAtTheGivenLength() throws IOException {
      assertThat(MediaSniffer.sniff(image("png"), 4)).isEmpty();
    }
  }

  @Nested
  class WhenReadingTheDeclaredType {

    @Test
    void shouldIgnoreParametersAndCase() {
      assertThat(MediaFormat.ofContentType("IMAGE/PNG; charset=binary")).contains(MediaFormat.PNG);
      assertThat(MediaFormat.ofContentType("image/jpg")).contains(MediaFormat.JPEG);
      assertThat(MediaFormat.ofContentType("video/webm")).contains(MediaFormat.WEBM);
    }

    @Test
    void shouldKnowNoOtherType() {
      assertThat(MediaFormat.ofContentType("image/svg+xml")).isEmpty();
      assertThat(MediaFormat.ofContentType("text/html")).isEmpty();
      assertThat(MediaFormat.ofContentType(null)).isEmpty();
    }
  }
}
