package org.aiappstore.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void shouldTitleAProblemWithItsStatusReasonPhrase() {
    Problem notFound = Problems.status(404).problem();

    assertThat(notFound.title()).isEqualTo("Not Found");
    assertThat(notFound.code()).isEqualTo("NOT_FOUND");
    assertThat(notFound.type()).isEqualTo("urn:aiappstore:problem:not-found");
  }

  @Test
  void shouldTitleA422ThoughJakartaRestHasNoConstantForIt() {
    Problem invalid = Problems.status(422).code("VALIDATION_FAILED").problem();

    assertThat(invalid.title()).isEqualTo("Unprocessable Content");
    assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(Problems.status(422).problem().code()).isEqualTo("UNPROCESSABLE_CONTENT");
  }

  @Test
  void shouldFallBackToAGenericTitleForAnUnknownStatus() {
    assertThat(Problems.status(499).problem().title()).isEqualTo("Error");
  }
}
