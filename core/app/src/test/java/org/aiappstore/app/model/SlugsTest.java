package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ResNet-50 on ImageNet | resnet-50-on-imagenet",
        "Détection d'objets: YOLO v8! | detection-d-objets-yolo-v8",
        "  --Hello__World--  | hello-world",
        "日本語 | model",
        "!!! | model"
      })
  void shouldDeriveAUrlSafeSlugFromATitle(String title, String slug) {
    assertThat(Slugs.fromTitle(title)).isEqualTo(slug);
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"a-b, true", "a--b, false", "-a, false", "A, false", "a_b, false", "'', false"})
  void shouldAcceptOnlyLowercaseWordsSeparatedBySingleHyphens(String slug, boolean valid) {
    assertThat(Slugs.isValid(slug)).isEqualTo(valid);
  }

  @org.junit.jupiter.api.Test
  void shouldKeepLongSlugsAndTheirNumberedAlternativesWithinTheLimit() {
    String slug = Slugs.fromTitle("word ".repeat(40));

    assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
    assertThat(Slugs.isValid(slug)).isTrue();
    String numbered = Slugs.numbered(slug, 12);
    assertThat(numbered).endsWith("-12").hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH);
    assertThat(Slugs.isValid(numbered)).isTrue();
  }
}
