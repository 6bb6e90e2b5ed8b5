package org.aiappstore.app.problem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonItemCounterTest {

  @Test
  void shouldRefuseTheItemPastTheLimit() {
    byte[] text = "[0,0,0,0]".getBytes(UTF_8); // the array, then three more elements

    assertThatCode(() -> new JsonItemCounter(4).scan(text, 0, text.length))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new JsonItemCounter(3).scan(text, 0, text.length))
        .isInstanceOf(JsonItemCounter.TooManyItems.class)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(413))
        .hasMessageContaining("more than 3 values");
  }

  @Test
  void shouldNotCountCommasOrBracketsInsideStringsEscapedQuotesIncluded() {
    byte[] text =
        "{\"title\":\"a, b [c] {d} \\\", still, inside\",\"tags\":[\"x,y\"]}".getBytes(UTF_8);

    // The object, the second member, the array: three items.
    assertThatCode(() -> new JsonItemCounter(3).scan(text, 0, text.length))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new JsonItemCounter(2).scan(text, 0, text.length))
        .isInstanceOf(JsonItemCounter.TooManyItems.class);
  }

  @Test
  void shouldCarryItsStateAcrossReadsThatSplitAStringOrAnEscape() {
    byte[] text = "[\"a\\\",[,,\",1]".getBytes(UTF_8);
    JsonItemCounter counter = new JsonItemCounter(2);

    // Split right after the backslash: the quote that follows is still escaped.
    int split = "[\"a\\".length();
    counter.scan(text, 0, split);
    counter.scan(text, split, text.length);

    assertThatThrownBy(() -> counter.scan(",".getBytes(UTF_8), 0, 1))
        .isInstanceOf(JsonItemCounter.TooManyItems.class);
  }

  @Test
  void shouldSkipMultiByteCharacters() {
    byte[] text = "[\"逗号，括号【】\",\"😀\"]".getBytes(UTF_8);

    assertThatCode(() -> new JsonItemCounter(2).scan(text, 0, text.length))
        .doesNotThrowAnyException();
  }
}
