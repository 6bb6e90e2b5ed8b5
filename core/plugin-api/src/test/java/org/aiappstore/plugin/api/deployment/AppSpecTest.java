package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.LinkedHashMap;
import java.util.Map;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppSpecTest {

  private static AppSpec.Builder valid() {
    return AppSpec.builder("65f1c0ffee", "sentiment-demo", "ghcr.io/acme/sentiment:1.2", 7860);
  }

  @Nested
  class WhenBuilding {

    @Test
    void shouldApplyDefaults() {
      AppSpec spec = valid().build();

      assertSoftly(
          s -> {
            s.assertThat(spec.env()).isEmpty();
            s.assertThat(spec.secretEnv()).isEmpty();
            s.assertThat(spec.resources()).isEqualTo(AppResources.none());
            s.assertThat(spec.minReplicas()).isEqualTo(1);
            s.assertThat(spec.maxReplicas()).isEqualTo(1);
            s.assertThat(spec.scaleToZero()).isFalse();
            s.assertThat(spec.labels()).isEmpty();
          });
    }

    @Test
    void shouldKeepTheOrderOfVariables() {
      AppSpec spec = valid().env("Z", "1").env("A", "2").env("M", "3").build();

      assertThat(spec.env().keySet()).containsExactly("Z", "A", "M");
    }

    @Test
    void shouldCopyMapsDefensively() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("A", "1");
      AppSpec spec =
          new AppSpec("id", "demo", "ghcr.io/a/b:1", 80, env, null, null, 1, 1, false, Map.of());

      env.put("B", "2");

      assertThat(spec.env()).containsOnlyKeys("A");
      assertThatThrownBy(() -> spec.env().put("C", "3"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRoundTripThroughItsBuilder() {
      AppSpec spec =
          valid()
              .env("A", "1")
              .secretEnv("T", "s3cr3t")
              .resources(new AppResources("500m", "2", "1Gi", "4Gi", 1))
              .replicas(1, 3)
              .scaleToZero(true)
              .label("team", "nlp")
              .build();

      assertThat(spec.toBuilder().build()).isEqualTo(spec);
      assertThat(spec.toBuilder().image("ghcr.io/acme/sentiment:1.3").build().image())
          .isEqualTo("ghcr.io/acme/sentiment:1.3");
    }
  }

  @Nested
  class WhenInvalid {

    @Test
    void shouldListEveryProblemWithItsField() {
      assertThatThrownBy(
              () ->
                  AppSpec.builder("bad id", "Bad_Name", "python:3", 0)
                      .env("1X", "v")
                      .secretEnv("OK", "a\u0000b")
                      .replicas(0, 200)
                      .label(AppLabels.APP_ID, "x")
                      .label("team", "not valid")
                      .build())
          .isInstanceOfSatisfying(
              InvalidAppSpecException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
                assertThat(e.violations())
                    .extracting(SpecViolation::field)
                    .containsExactly(
                        "appId",
                        "name",
                        "image",
                        "port",
                        "env.1X",
                        "secretEnv.OK",
                        "minReplicas",
                        "maxReplicas",
                        "labels." + AppLabels.APP_ID,
                        "labels.team");
              });
    }

    @Test
    void shouldRefuseAVariableThatIsBothPlainAndSecret() {
      assertThatThrownBy(() -> valid().env("TOKEN", "a").secretEnv("TOKEN", "b").build())
          .isInstanceOfSatisfying(
              InvalidAppSpecException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(SpecViolation::field)
                      .containsExactly("secretEnv.TOKEN"));
    }

    @Test
    void shouldRefuseTooManyOrTooLongVariables() {
      AppSpec.Builder many = valid();
      for (int i = 0; i <= AppSpec.MAX_ENV; i++) {
        many.env("V" + i, "x");
      }
      assertThatThrownBy(many::build).isInstanceOf(InvalidAppSpecException.class);
      assertThatThrownBy(
              () -> valid().env("LONG", "x".repeat(AppSpec.MAX_ENV_VALUE_LENGTH + 1)).build())
          .isInstanceOf(InvalidAppSpecException.class);
    }

    @Test
    void shouldRefuseUnpairedSurrogatesButAcceptEmoji() {
      assertThat(valid().env("E", "\uD83D\uDE00").build().env()).containsEntry("E", "😀");
      assertThatThrownBy(() -> valid().env("E", "\uD83D").build())
          .isInstanceOf(InvalidAppSpecException.class);
    }

    @Test
    void shouldRefuseAMaximumBelowTheMinimum() {
      assertThatThrownBy(() -> valid().replicas(3, 2).build())
          .isInstanceOfSatisfying(
              InvalidAppSpecException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(SpecViolation::field)
                      .containsExactly("maxReplicas"));
    }

    @Test
    void shouldNeverPutASecretValueInAMessage() {
      assertThatThrownBy(
              () -> valid().secretEnv("TOKEN", "s3cr3t-value").secretEnv("bad-name", "x").build())
          .hasMessageNotContaining("s3cr3t-value");
    }
  }

  @Nested
  class WhenMasking {

    @Test
    void shouldMaskSecretsInToString() {
      AppSpec spec = valid().env("PLAIN", "visible").secretEnv("TOKEN", "s3cr3t").build();

      assertThat(spec.toString())
          .contains("visible")
          .contains("TOKEN=" + AppSpec.MASK)
          .doesNotContain("s3cr3t");
    }

    @Test
    void shouldMaskEverySecretValue() {
      AppSpec spec = valid().secretEnv("A", "1").secretEnv("B", "2").build();

      AppSpec masked = spec.withMaskedSecrets();

      assertThat(masked.secretEnv())
          .containsExactly(Map.entry("A", AppSpec.MASK), Map.entry("B", AppSpec.MASK));
      assertThat(masked.keepsStoredSecret("A")).isTrue();
      assertThat(spec.keepsStoredSecret("A")).isFalse();
      assertThat(masked.withMaskedSecrets()).isEqualTo(masked);
    }
  }
}
