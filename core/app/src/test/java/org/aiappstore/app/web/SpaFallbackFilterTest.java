package org.aiappstore.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaFallbackFilterTest {

  @ParameterizedTest(name = "{0} {1} -> SPA route: {2}")
  @CsvSource({
    "GET, /models/alice/resnet, true",
    "GET, /about, true",
    "HEAD, /admin/users, true",
    "GET, /, false",
    "GET, /assets/index-abc.js, false",
    "GET, /favicon.ico, false",
    "GET, /api/v1/nope, false",
    "GET, /api, false",
    "GET, /apps/abc123/, false",
    "GET, /apps/abc123, false",
    "GET, /apps, false",
    "GET, /health/ready, false",
    "GET, /metrics, false",
    "GET, /openapi/ui, false",
    "POST, /models, false"
  })
  void shouldServeIndexOnlyForPagePaths(String method, String path, boolean spa) {
    assertThat(SpaFallbackFilter.isSpaRoute(method, path)).isEqualTo(spa);
  }
}
