package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AppTicketsTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

  private static final Caller.Credential SESSION = Caller.Credential.session("family-1");

  private final MutableClock clock = new MutableClock(NOW);
  private final AppTickets tickets = new AppTickets(KEY, clock, Duration.ofMinutes(15));

  @Test
  void shouldNameTheHolderOfItsOwnTicketUntilItExpires() {
    AppTickets.Ticket ticket = tickets.issue("app1", "user-7", SESSION);

    assertThat(ticket.expires()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(tickets.verify(ticket.value(), "app1"))
        .contains(new AppTickets.Holder("user-7", SESSION, NOW, NOW.plus(Duration.ofMinutes(15))));
    clock.advance(Duration.ofMinutes(15));
    assertThat(tickets.verify(ticket.value(), "app1")).isEmpty();
  }

  @Test
  void shouldRefuseATicketForAnotherApp() {
    String ticket = tickets.issue("app1", "user-7", SESSION).value();

    assertThat(tickets.verify(ticket, "app2")).isEmpty();
  }

  @Test
  void shouldRefuseForgedAndMalformedTickets() {
    String ticket = tickets.issue("app1", "user-7", SESSION).value();
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "app1\nadmin-1\ns:family-1\n0\n9999999999".getBytes(StandardCharsets.UTF_8));
    AppTickets otherKey =
        new AppTickets(
            "fedcba9876543210fedcba9876543210".getBytes(), clock, Duration.ofMinutes(15));

    assertThat(tickets.verify(forgedPayload + ticket.substring(ticket.indexOf('.')), "app1"))
        .isEmpty();
    assertThat(tickets.verify(otherKey.issue("app1", "user-7", SESSION).value(), "app1")).isEmpty();
    assertThat(tickets.verify("", "app1")).isEmpty();
    assertThat(tickets.verify("no-dot", "app1")).isEmpty();
    assertThat(tickets.verify("!!!.sig", "app1")).isEmpty();
    assertThat(tickets.verify(null, "app1")).isEmpty();
  }

  @Test
  void shouldScopeTheCookieToTheAppAndKeepItFromScripts() {
    AppTickets.Ticket ticket = tickets.issue("app1", "user-7", SESSION);

    assertThat(AppTickets.cookie("app1", ticket, NOW))
        .startsWith("aas_app_ticket=" + ticket.value() + ";")
        .contains("Path=/apps/app1/")
        .contains("Max-Age=900")
        .contains("HttpOnly")
        .contains("Secure")
        .contains("SameSite=None")
        .doesNotContain("Partitioned");
    assertThat(AppTickets.cookie("app1", ticket, NOW, true)).endsWith("; Partitioned");
  }

  @Test
  void shouldKeepEntryTicketsShortAndApartFromCookieTickets() {
    AppTickets.Ticket entry = tickets.issueEntry("app1", "user-7", SESSION);
    String cookieTicket = tickets.issue("app1", "user-7", SESSION).value();

    assertThat(entry.expires()).isEqualTo(NOW.plusSeconds(60));
    assertThat(tickets.verifyEntry(entry.value(), "app1"))
        .contains(new AppTickets.Holder("user-7", SESSION, NOW, NOW.plusSeconds(60)));
    assertThat(tickets.verifyEntry(entry.value(), "app2")).isEmpty();
    assertThat(tickets.verify(entry.value(), "app1")).as("an entry ticket is no cookie").isEmpty();
    assertThat(tickets.verifyEntry(cookieTicket, "app1")).as("nor the other way").isEmpty();
    clock.advance(Duration.ofSeconds(60));
    assertThat(tickets.verifyEntry(entry.value(), "app1")).isEmpty();
  }

  @Test
  void shouldCallATicketAgingPastHalfItsLife() {
    AppTickets.Holder holder =
        tickets.verify(tickets.issue("app1", "user-7", SESSION).value(), "app1").orElseThrow();

    clock.advance(Duration.ofMinutes(7));
    assertThat(tickets.aging(holder)).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(tickets.aging(holder)).isTrue();
  }

  @Test
  void shouldCarryTheCredentialItWasIssuedOnThroughAReissue() {
    Caller.Credential personal = Caller.Credential.personalToken("pat-3");
    AppTickets.Holder entered =
        tickets
            .verifyEntry(tickets.issueEntry("app1", "user-7", personal).value(), "app1")
            .orElseThrow();

    AppTickets.Holder holder =
        tickets.verify(tickets.reissue("app1", entered).value(), "app1").orElseThrow();

    assertThat(holder.credential()).isEqualTo(personal);
    assertThat(holder.userId()).isEqualTo("user-7");
  }

  @Test
  void shouldEndATicketOfAProviderTokenWithItAndNeverCallItAging() {
    Instant providerExpiry = NOW.plus(Duration.ofMinutes(5));
    Caller.Credential external = Caller.Credential.external(providerExpiry);

    AppTickets.Ticket ticket = tickets.issue("app1", "user-7", external);
    AppTickets.Holder holder = tickets.verify(ticket.value(), "app1").orElseThrow();

    assertThat(ticket.expires()).isEqualTo(providerExpiry);
    assertThat(tickets.cookieExpiry(external)).isEqualTo(providerExpiry);
    assertThat(holder.credential()).isEqualTo(external);
    clock.advance(Duration.ofMinutes(4));
    assertThat(tickets.aging(holder)).as("a fresh one would not last longer").isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(tickets.verify(ticket.value(), "app1")).isEmpty();
  }
}
