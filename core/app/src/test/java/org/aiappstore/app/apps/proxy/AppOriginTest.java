package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppOriginTest {

  private final AppOrigin origin = AppOrigin.parse("https://{id}.apps.example.com").orElseThrow();

  @Test
  void shouldGiveEachAppItsOwnOriginAndKeepThePath() {
    assertThat(origin.of("abc1")).isEqualTo("https://abc1.apps.example.com");
    assertThat(origin.proxyUrl("abc1")).isEqualTo("https://abc1.apps.example.com/apps/abc1/");
    assertThat(AppOrigin.parse("http://{id}.apps.localhost:9080/").orElseThrow().of("x9"))
        .isEqualTo("http://x9.apps.localhost:9080");
    assertThat(AppOrigin.parse("https://{id}.apps.example.com:443").orElseThrow().of("a"))
        .as("as browsers write it in Origin")
        .isEqualTo("https://a.apps.example.com");
    assertThat(AppOrigin.parse("http://{id}.apps.example.com:80").orElseThrow().of("a"))
        .isEqualTo("http://a.apps.example.com");
  }

  @Test
  void shouldFindTheAppOfItsHostWhateverThePortAndCase() {
    assertThat(origin.appIdOfHost("abc1.apps.example.com")).contains("abc1");
    assertThat(origin.appIdOfHost("ABC1.Apps.Example.com:8443")).contains("abc1");
    assertThat(origin.appIdOfHost("abc1.apps.example.com.")).contains("abc1");
  }

  @Test
  void shouldNotTakeThePlatformsOrAnyOtherHostForAnApps() {
    assertThat(origin.appIdOfHost("apps.example.com")).isEmpty();
    assertThat(origin.appIdOfHost("example.com")).isEmpty();
    assertThat(origin.appIdOfHost("a.b.apps.example.com")).as("two labels").isEmpty();
    assertThat(origin.appIdOfHost("abc1.apps.example.com.evil.org")).isEmpty();
    assertThat(origin.appIdOfHost("abc-1.apps.example.com")).as("not an app id").isEmpty();
    assertThat(origin.appIdOfHost("xabc1apps.example.com")).isEmpty();
    assertThat(origin.appIdOfHost(null)).isEmpty();
    assertThat(origin.appIdOfHost("[::1]:9080")).isEmpty();
  }

  @Test
  void shouldLeaveAppsOnThePlatformsOriginWithoutATemplate() {
    assertThat(AppOrigin.parse("")).isEmpty();
    assertThat(AppOrigin.parse(null)).isEmpty();
    assertThat(new AppOrigins("").proxyUrl("abc1")).isEqualTo("/apps/abc1/");
    assertThat(new AppOrigins("https://{id}.apps.example.com").proxyUrl("abc1"))
        .isEqualTo("https://abc1.apps.example.com/apps/abc1/");
  }

  @Test
  void shouldRefuseTemplatesWhereTheIdIsNotTheFirstLabel() {
    for (String bad :
        new String[] {
          "https://apps.example.com",
          "https://app-{id}.example.com",
          "https://{id}example.com",
          "ftp://{id}.apps.example.com",
          "https://{id}.apps.example.com/path",
          "https://{id}.apps.example.com:0",
          "https://{id}.apps.example.com:70000",
          "{id}.apps.example.com"
        }) {
      assertThatThrownBy(() -> AppOrigin.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("aiappstore.apps.origin");
    }
  }
}
