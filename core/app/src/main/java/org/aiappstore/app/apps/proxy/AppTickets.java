package org.aiappstore.app.apps.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.persistence.SharedKeys;

/**
 * Access tickets for one app: {@code payload.signature}, the payload (app id, user id, issued-at,
 * expiry) Base64url and the signature an HMAC with a key every replica shares ({@link SharedKeys}).
 * An iframe cannot send the web app's bearer token, so the web app exchanges it for a ticket that
 * travels as an HttpOnly cookie scoped to {@code /apps/{id}/}. A ticket only says who the user is:
 * the proxy checks on each request that they may still read the app.
 */
@ApplicationScoped
public class AppTickets {

  /** The cookie holding a ticket. */
  public static final String COOKIE = "aas_app_ticket";

  static final String KEY_ID = "app-ticket-key";

  @Inject SharedKeys keys;
  @Inject AppSettings settings;

  private final Clock clock;
  private byte[] key;
  private Duration lifetime;

  public AppTickets() {
    this.clock = Clock.systemUTC();
  }

  /** For tests: a fixed key, clock and lifetime. */
  AppTickets(byte[] key, Clock clock, Duration lifetime) {
    this.key = key.clone();
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /**
   * How long a link that lets a browser into an app's own origin stays valid ({@link #issueEntry}):
   * it travels in a URL, so only long enough to load a frame or open a tab.
   */
  static final Duration ENTRY_LIFETIME = Duration.ofSeconds(60);

  private static final String ENTRY = "enter";

  /** A ticket and when it expires. */
  public record Ticket(String value, Instant expires) {}

  /** What a valid ticket says. */
  public record Holder(String userId, Instant issuedAt, Instant expires) {}

  /** A ticket for the app's cookie. */
  public Ticket issue(String appId, String userId) {
    return issue(appId + "\n" + userId, lifetime());
  }

  /**
   * A ticket for the link into the app's own origin, which exchanges it for a cookie ticket there;
   * a cookie ticket is no entry ticket, nor the other way round.
   */
  public Ticket issueEntry(String appId, String userId) {
    return issue(ENTRY + "\n" + appId + "\n" + userId, ENTRY_LIFETIME);
  }

  /** The holder of a cookie ticket signed by us for this app and not expired; empty otherwise. */
  public Optional<Holder> verify(String ticket, String appId) {
    return fields(ticket)
        .filter(f -> f.length == 4 && f[0].equals(appId))
        .flatMap(f -> holder(f[1], f[2], f[3]));
  }

  /** The holder of an entry ticket signed by us for this app and not expired; empty otherwise. */
  public Optional<Holder> verifyEntry(String ticket, String appId) {
    return fields(ticket)
        .filter(f -> f.length == 5 && f[0].equals(ENTRY) && f[1].equals(appId))
        .flatMap(f -> holder(f[2], f[3], f[4]));
  }

  private Ticket issue(String subject, Duration lifetime) {
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (subject + "\n" + now.getEpochSecond() + "\n" + expires.getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
    return new Ticket(payload + "." + sign(payload), expires);
  }

  /** The payload's fields of a ticket with our signature; empty for anything else. */
  private Optional<String[]> fields(String ticket) {
    if (ticket == null) {
      return Optional.empty();
    }
    int dot = ticket.indexOf('.');
    if (dot <= 0
        || !SharedKeys.sameSignature(sign(ticket.substring(0, dot)), ticket.substring(dot + 1))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new String(
                  Base64.getUrlDecoder().decode(ticket.substring(0, dot)), StandardCharsets.UTF_8)
              .split("\n", -1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<Holder> holder(String userId, String issuedAt, String expiresAt) {
    try {
      Instant issued = Instant.ofEpochSecond(Long.parseLong(issuedAt));
      Instant expires = Instant.ofEpochSecond(Long.parseLong(expiresAt));
      return clock.instant().isBefore(expires)
          ? Optional.of(new Holder(userId, issued, expires))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a cookie ticket is past half its life, so worth replacing by a fresh one. */
  public boolean aging(Holder holder) {
    return clock.instant().isAfter(holder.expires().minus(lifetime().dividedBy(2)));
  }

  /**
   * The cookie: HttpOnly (the app's scripts cannot read it anyway, the platform's need not), only
   * sent to this app's path. SameSite=None, hence Secure: the app's document runs in an opaque
   * origin (CSP sandbox), so the browser treats its requests as cross-site and would withhold a Lax
   * or Strict cookie. Browsers accept Secure cookies from http://localhost; elsewhere the platform
   * must be served over HTTPS.
   */
  public static String cookie(String appId, Ticket ticket, Instant now) {
    return cookie(appId, ticket, now, false);
  }

  /**
   * The cookie, {@code Partitioned} on an app's own origin ({@code partitioned}): it is set in the
   * frame of the platform's page, a third-party context where a browser that blocks third-party
   * cookies keeps only partitioned ones, and a partition belongs to one top-level site, so another
   * site framing the app gets no cookie of it.
   */
  public static String cookie(String appId, Ticket ticket, Instant now, boolean partitioned) {
    long maxAge = Math.max(0, Duration.between(now, ticket.expires()).toSeconds());
    return COOKIE
        + "="
        + ticket.value()
        + "; Path="
        + AppProxyServlet.prefix(appId)
        + "; Max-Age="
        + maxAge
        + "; HttpOnly; Secure; SameSite=None"
        + (partitioned ? "; Partitioned" : "");
  }

  Duration lifetime() {
    if (lifetime == null) {
      lifetime =
          Duration.ofMinutes(Math.max(1, settings.integer(ConfigKey.APPS_PROXY_TICKET_MINUTES)));
    }
    return lifetime;
  }

  private String sign(String payload) {
    return key != null ? SharedKeys.hmac(key, payload) : keys.sign(KEY_ID, payload);
  }
}
