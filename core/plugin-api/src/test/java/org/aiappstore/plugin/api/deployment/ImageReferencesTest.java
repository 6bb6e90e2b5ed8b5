package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferencesTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/acme/demo:1.0",
        "docker.io/library/python:3.12-slim",
        "registry.example.com:5000/team/app/sub:v2_beta.1",
        "localhost:5000/demo:latest",
        "localhost/demo:dev",
        "[::1]:5000/demo:1",
        "quay.io/a/b-c__d.e:Tag-1",
        "ghcr.io/acme/demo@" + DIGEST,
        "ghcr.io/acme/demo:1.0@" + DIGEST,
        "123.45.67.89:443/x/y:z"
      })
  void shouldAcceptFullReferences(String image) {
    assertThat(ImageReferences.problem(image)).isEmpty();
    assertThat(ImageReferences.requireValid(image)).isSameAs(image);
  }

  @ParameterizedTest
  @ValueSource(strings = {"python:3.12", "gradio/app:1", "demo", "acme/demo"})
  void shouldAskForARegistry(String image) {
    assertThat(ImageReferences.problem(image)).get().asString().contains("registry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ghcr.io/acme/demo", "docker.io/library/python"})
  void shouldAskForATagOrDigest(String image) {
    assertThat(ImageReferences.problem(image)).get().asString().contains("tag or an @sha256");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/Acme/demo:1",
        "ghcr.io/acme/demo:",
        "ghcr.io/acme/demo:.hidden",
        "ghcr.io/acme/demo@sha256:abc",
        "ghcr.io/acme/demo@sha512:0123",
        "ghcr.io/acme//demo:1",
        "ghcr.io/acme/demo:1 ; rm -rf /",
        "ghcr.io/acme/demo:1\n- evil",
        "ghcr.io/acme/-demo:1",
        "ghcr.io:99999/acme/demo:1",
        "https://ghcr.io/acme/demo:1",
        " ghcr.io/acme/demo:1"
      })
  void shouldRejectMalformedReferences(String image) {
    assertThat(ImageReferences.isValid(image)).isFalse();
    assertThatThrownBy(() -> ImageReferences.requireValid(image))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
  }

  @Test
  void shouldRejectMissingAndOverlongReferences() {
    assertThat(ImageReferences.problem(null)).isPresent();
    assertThat(ImageReferences.problem("")).isPresent();
    assertThat(ImageReferences.problem("ghcr.io/" + "a".repeat(300) + ":1"))
        .get()
        .asString()
        .contains("255");
    assertThat(ImageReferences.problem("ghcr.io/a:" + "t".repeat(600))).isPresent();
  }

  @Test
  void shouldRejectATagLongerThan128Characters() {
    assertThat(ImageReferences.isValid("ghcr.io/a:" + "t".repeat(128))).isTrue();
    assertThat(ImageReferences.isValid("ghcr.io/a:" + "t".repeat(129))).isFalse();
  }
}
