package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AppAccessResourceTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final Caller OWNER =
      new Caller("user-7", "seven", Set.of("user"), Caller.Credential.session("family-1"), null);
  private final AppTickets tickets =
      new AppTickets(
          "0123456789abcdef0123456789abcdef".getBytes(),
          new MutableClock(NOW),
          Duration.ofMinutes(15));

  @Test
  void shouldSetTheTicketCookieOnThePlatformsOriginWithoutAppOrigins() {
    AppAccessResource.Grant answer =
        AppAccessResource.grant("app1", OWNER, AppOrigin.parse(""), tickets, NOW);

    JsonObject body = answer.body();
    assertThat(body.getString("proxyUrl")).isEqualTo("/apps/app1/");
    assertThat(body.containsKey("enterUrl")).isFalse();
    String cookie = answer.cookie().orElseThrow();
    assertThat(cookie).startsWith("aas_app_ticket=").contains("Path=/apps/app1/");
    String ticket = cookie.substring("aas_app_ticket=".length(), cookie.indexOf(';'));
    assertThat(tickets.verify(ticket, "app1"))
        .hasValueSatisfying(h -> assertThat(h.credential()).isEqualTo(OWNER.credential()));
  }

  @Test
  void shouldGiveAShortEntryLinkOnTheAppsHostAndNoCookieWithAppOrigins() {
    AppAccessResource.Grant answer =
        AppAccessResource.grant(
            "app1", OWNER, AppOrigin.parse("https://{id}.apps.example.com"), tickets, NOW);

    JsonObject body = answer.body();
    assertThat(answer.cookie()).isEmpty();
    assertThat(body.getString("proxyUrl")).isEqualTo("https://app1.apps.example.com/apps/app1/");
    String enter = body.getString("enterUrl");
    String prefix = "https://app1.apps.example.com/.aiappstore/enter?ticket=";
    assertThat(enter).startsWith(prefix);
    assertThat(tickets.verifyEntry(enter.substring(prefix.length()), "app1"))
        .hasValueSatisfying(
            h -> {
              assertThat(h.userId()).isEqualTo("user-7");
              assertThat(h.credential()).isEqualTo(OWNER.credential());
            });
    assertThat(body.getString("expiresAt")).isEqualTo(NOW.plusSeconds(60).toString());
    assertThat(body.getString("cookieExpiresAt"))
        .isEqualTo(NOW.plus(Duration.ofMinutes(15)).toString());
  }

  @Test
  void shouldSayTheCookieOfAProviderTokensCallerEndsWithTheToken() {
    Instant providerExpiry = NOW.plus(Duration.ofMinutes(5));
    Caller viaProvider =
        new Caller(
            "user-8", "eight", Set.of("user"), Caller.Credential.external(providerExpiry), null);

    JsonObject body =
        AppAccessResource.grant(
                "app1", viaProvider, AppOrigin.parse("https://{id}.apps.example.com"), tickets, NOW)
            .body();

    assertThat(body.getString("cookieExpiresAt")).isEqualTo(providerExpiry.toString());
  }
}
