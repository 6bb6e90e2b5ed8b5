package org.aiappstore.plugin.tck.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeneratedContentTest {

  @Test
  void shouldProduceTheSameBytesForTheSameSeed() throws IOException {
    byte[] first = GeneratedContent.stream(1, 10_001).readAllBytes();
    byte[] second = GeneratedContent.stream(1, 10_001).readAllBytes();

    assertThat(first).hasSize(10_001).isEqualTo(second);
    assertThat(GeneratedContent.stream(2, 10_001).readAllBytes()).isNotEqualTo(first);
  }

  @Test
  void shouldAgreeBetweenStreamSliceAndSingleByteReads() throws IOException {
    byte[] all = GeneratedContent.stream(9, 1000).readAllBytes();

    assertThat(GeneratedContent.bytes(9, 13, 100)).isEqualTo(Arrays.copyOfRange(all, 13, 113));
    try (InputStream in = GeneratedContent.stream(9, 1000)) {
      assertThat(in.skip(501)).isEqualTo(501);
      assertThat((byte) in.read()).isEqualTo(all[501]);
    }
  }

  @Test
  void shouldLookRandom() throws IOException {
    byte[] data = GeneratedContent.stream(3, 64 * 1024).readAllBytes();
    int[] counts = new int[256];
    for (byte b : data) {
      counts[b & 0xFF]++;
    }

    assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThan(128);
    assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThan(384);
  }

  @Test
  void shouldHashWhileStreaming() {
    GeneratedContent.Digest digest = GeneratedContent.sha256(GeneratedContent.stream(4, 5000));

    assertThat(digest.size()).isEqualTo(5000);
    assertThat(digest.digest())
        .isEqualTo(GeneratedContent.sha256(GeneratedContent.bytes(4, 0, 5000)))
        .isEqualTo(GeneratedContent.sha256(4, 5000));
  }
}
