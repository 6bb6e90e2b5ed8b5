package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.aiappstore.app.media.RangeRequest.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {

  private static final long SIZE = 100;

  @ParameterizedTest(name = "{0} -> {1}-{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bytes=0-9|0|9",
        "bytes=10-|10|99",
        "bytes=-5|95|99",
        "bytes=90-500|90|99",
        "bytes=-500|0|99",
        "bytes=99-99|99|99",
        "BYTES = 5 - 6|5|6"
      })
  void shouldServeOneSatisfiableRange(String header, long start, long end) {
    RangeRequest range = RangeRequest.parse(header, SIZE);

    assertSoftly(
        softly -> {
          softly.assertThat(range.kind()).isEqualTo(Kind.PARTIAL);
          softly.assertThat(range.start()).isEqualTo(start);
          softly.assertThat(range.end()).isEqualTo(end);
          softly.assertThat(range.length()).isEqualTo(end - start + 1);
          softly
              .assertThat(range.contentRange(SIZE))
              .isEqualTo("bytes " + start + "-" + end + "/" + SIZE);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-6000"})
  void shouldFindNothingSatisfiableOutsideTheFile(String header) {
    assertThat(RangeRequest.parse(header, SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
  }

  @Test
  void shouldFindNothingSatisfiableInAnEmptyFile() {
    assertThat(RangeRequest.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(RangeRequest.parse("bytes=-1", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bytes=0-9,20-29",
        "bytes=0-0, -1",
        "items=0-9",
        "bytes=9-0",
        "bytes=a-b",
        "bytes=-",
        "bytes=10",
        "bytes=99999999999999999999999-",
        "nonsense",
        ""
      })
  void shouldServeTheWholeFileForSeveralOrUnintelligibleRanges(String header) {
    assertThat(RangeRequest.parse(header, SIZE).kind()).isEqualTo(Kind.WHOLE);
  }

  @Test
  void shouldServeTheWholeFileWithoutAHeader() {
    assertThat(RangeRequest.parse(null, SIZE).kind()).isEqualTo(Kind.WHOLE);
  }
}
