package org.aiappstore.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAllowListTest {

  private final HostAllowList list =
      new HostAllowList(List.of("hooks.example.com", " *.receivers.example.org ", "127.0.0.1"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example.com/in",
        "http://HOOKS.example.com:8080/in?x=1",
        "https://hooks.example.com./in",
        "https://a.receivers.example.org/in",
        "https://b.a.receivers.example.org/in",
        "http://127.0.0.1:9999/hook"
      })
  void shouldAllowListedHostsAndSubdomainsOfWildcards(String url) {
    assertThat(list.refusal(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://10.0.0.1/",
        "https://evil.com/",
        "https://hooks.example.com.evil.com/",
        "https://receivers.example.org/",
        "https://xreceivers.example.org/",
        "http://[::1]/"
      })
  void shouldRefuseHostsNotListed(String url) {
    assertThat(list.refusal(url))
        .get()
        .asString()
        .contains("not in aiappstore.webhooks.allowed-hosts");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://hooks.example.com/",
        "gopher://hooks.example.com/",
        "javascript:alert(1)",
        "hooks.example.com/in"
      })
  void shouldRefuseOtherSchemes(String url) {
    assertThat(list.refusal(url)).contains("must be an http or https URL");
  }

  @Test
  void shouldRefuseUrlsWithoutHostOrWithCredentials() {
    assertThat(list.refusal("http:///path")).contains("must name a host");
    assertThat(list.refusal("http://user:pw@hooks.example.com/"))
        .contains("must not contain credentials");
    assertThat(list.refusal("http://hooks example.com/")).contains("is not a valid URL");
  }

  @Test
  void shouldRefuseEverythingWhenTheListIsEmpty() {
    HostAllowList empty = new HostAllowList(List.of());

    assertThat(empty.refusal("https://hooks.example.com/"))
        .get()
        .asString()
        .contains("no host is allowed");
  }
}
