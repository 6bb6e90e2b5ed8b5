package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aiappstore.app.search.TextQuery.Part;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextQueryTest {

  @Test
  void shouldSplitWordsAtWhiteSpaceAndKeepQuotedPhrasesTogether() {
    assertThat(TextQuery.parse("  resnet \"image net\"\tfine-tuned ").parts())
        .containsExactly(
            new Part("resnet", false), new Part("image net", true), new Part("fine-tuned", false));
  }

  @Test
  void shouldTreatALoneQuoteAsPunctuation() {
    assertThat(TextQuery.parse("6\" screen").parts())
        .containsExactly(new Part("6", false), new Part("screen", false));
  }

  @Test
  void shouldKeepOperatorsAndRegexCharactersAsPartOfTheWords() {
    assertThat(TextQuery.parse("title:x -y +z (.*) [a-z]").parts())
        .extracting(Part::text)
        .containsExactly("title:x", "-y", "+z", "(.*)", "[a-z]");
  }

  @Test
  void shouldAskForNothingWhenThereIsNoText() {
    assertThat(TextQuery.parse("").toQuery()).isNull();
    assertThat(TextQuery.parse("   ").toQuery()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(.*)", "[", "\"", "\"\"", "***", "the", "+-"})
  void shouldMatchNothingWhenTheTextHasNoSearchableWord(String text) {
    assertThat(TextQuery.parse(text).toQuery()).isInstanceOf(MatchNoDocsQuery.class);
  }

  @Test
  void shouldRequireEveryWordAndPreferTheExactTitle() {
    String query = TextQuery.parse("resnet \"image net\"").toQuery().toString();

    assertThat(query)
        .contains("+(", "title:resnet", "title:\"image net\"", "titleKey:resnet image net");
  }

  @Test
  void shouldNotLetTheUserChooseAField() {
    String query = TextQuery.parse("ownerId:someone").toQuery().toString();

    // One word to the analyzer (a colon between letters joins them), looked up in the text fields.
    assertThat(query).doesNotContain("ownerId:").contains("title:ownerid:someone");
  }

  @Test
  void shouldKeepAtMostThirtyTwoParts() {
    assertThat(TextQuery.parse("w ".repeat(100)).parts()).hasSize(32);
    assertThat(TextQuery.parse(String.join(" ", List.of("a", "b"))).parts()).hasSize(2);
  }
}
