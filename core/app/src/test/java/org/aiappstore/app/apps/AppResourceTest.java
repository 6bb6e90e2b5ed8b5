package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppResourceTest {

  @Nested
  class WhenReadingTheLogQuery {

    @Test
    void shouldTakeAnInstantOrAnAgeAsSince() {
      Instant before = Instant.now();

      assertThat(AppResource.logRequest("false", null, "2026-01-01T10:00:00Z", null, null).since())
          .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
      assertThat(AppResource.logRequest("false", null, "10m", null, null).since())
          .isBetween(before.minus(Duration.ofMinutes(10)), Instant.now());
    }

    @Test
    void shouldRefuseAnAgeReachingBackBeforeTheEarliestInstantAsABadQuery() {
      assertThatThrownBy(
              () -> AppResource.logRequest("false", null, "PT1000000000000000000S", null, null))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e ->
                  assertSoftly(
                      s -> {
                        s.assertThat(e.status()).isEqualTo(400);
                        s.assertThat(e.code()).isEqualTo("INVALID_QUERY");
                        s.assertThat(e.errors())
                            .extracting(Problem.FieldError::pointer)
                            .containsExactly("/since");
                      }));
    }
  }
}
