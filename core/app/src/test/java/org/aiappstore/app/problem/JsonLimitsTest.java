package org.aiappstore.app.problem;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {

  private final JsonLimits limits = new JsonLimits(3, 6);

  private void check(String json) {
    limits.check(new StringReader(json));
  }

  @Test
  void shouldAcceptJsonAtTheLimits() {
    assertThatCode(() -> check("{\"a\": [{\"b\": 1}], \"c\": \"x\", \"d\": null}"))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseNestingPastTheLimit() {
    assertThatThrownBy(() -> check("{\"a\": [[[1]]]}"))
        .isInstanceOf(JsonLimits.Exceeded.class)
        .hasMessage("is nested deeper than 3 levels");
  }

  @Test
  void shouldRefuseADeeplyNestedTextWithoutRecursingIntoIt() {
    String bomb = "{\"card\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThatThrownBy(() -> JsonLimits.depth(32).check(new StringReader(bomb)))
        .isInstanceOf(JsonLimits.Exceeded.class)
        .hasMessage("is nested deeper than 32 levels");
  }

  @Test
  void shouldRefuseANumberLongerThanAnyoneSends() {
    String longest = "-1." + "2".repeat(JsonLimits.MAX_NUMBER_CHARS - 8) + "e-100";

    assertThatCode(() -> JsonLimits.depth(3).check(new StringReader("[" + longest + "]")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                JsonLimits.depth(3)
                    .check(new StringReader("[" + longest.replace("-1.", "-12.") + "]")))
        .isInstanceOf(JsonLimits.Exceeded.class)
        .hasMessage("has a number longer than 100 characters");
  }

  @Test
  void shouldCountValuesButNotKeys() {
    assertThatThrownBy(() -> check("[{}, {}, {}, {}, {}, {}]"))
        .isInstanceOf(JsonLimits.Exceeded.class)
        .hasMessage("holds more than 6 values");
    assertThatCode(() -> check("{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5}"))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldLeaveSyntaxErrorsAndTrailingContentToTheParser() {
    for (String json : new String[] {"{\"a\": ", "{'a': 1}", "{} {}"}) {
      assertThatThrownBy(() -> check(json)).as(json).isInstanceOf(JsonParsingException.class);
    }
  }
}
