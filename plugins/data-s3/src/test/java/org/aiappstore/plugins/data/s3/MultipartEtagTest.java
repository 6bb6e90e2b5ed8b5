package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartEtagTest {

  /** The MD5s of "part one" and "part two", as S3 quotes a part's ETag. */
  private static final List<String> PARTS =
      List.of("\"3303e12af474ca11d85ed2966a932992\"", "\"3ea4e15b91a17dc76052c56cfcdf67a2\"");

  private static final String OF_PARTS = "0732917abc3288784e318ac0aab1757a-2";

  @Test
  void shouldDeriveTheMd5OfThePartMd5sAndTheirNumber() {
    assertThat(MultipartEtag.of(PARTS)).contains(OF_PARTS);
  }

  @Test
  void shouldDeriveNothingFromAPartEtagThatIsNoMd5() {
    assertThat(MultipartEtag.of(List.of("\"3303e12af474ca11d85ed2966a932992\"", "opaque-7")))
        .isEmpty();
  }

  @Test
  void shouldAcceptTheEtagOfTheParts() {
    assertThat(MultipartEtag.couldBe("\"" + OF_PARTS.toUpperCase() + "\"", PARTS)).isTrue();
  }

  @Test
  void shouldRejectAnotherUploadsEtag() {
    assertThat(MultipartEtag.couldBe("0732917abc3288784e318ac0aab1757b-2", PARTS)).isFalse();
    assertThat(MultipartEtag.couldBe("0732917abc3288784e318ac0aab1757a-3", PARTS)).isFalse();
  }

  @Test
  void shouldRejectTheEtagOfAnObjectSentInOneRequest() {
    assertThat(MultipartEtag.couldBe("356c9ee60e9da05301adc3bd96f6b383", PARTS)).isFalse();
  }

  @Test
  void shouldLeaveTheSizeToDecideWhenThereIsNoEtagToCompare() {
    assertThat(MultipartEtag.couldBe(null, PARTS)).isTrue();
    assertThat(MultipartEtag.couldBe("W/\"some-other-scheme\"", PARTS)).isTrue();
    assertThat(MultipartEtag.couldBe("356c9ee60e9da05301adc3bd96f6b383", List.of("opaque")))
        .isTrue();
  }
}
