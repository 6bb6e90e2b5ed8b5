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
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.persistence.SharedKeys;

/**
 * Access tickets for one app: {@code payload.signature}, the payload (app id, user id, the
 * credential it was issued on, issued-at, expiry) Base64url and the signature an HMAC with a key
 * every replica shares ({@link SharedKeys}). An iframe cannot send the web app's bearer token, so
 * the web app exchanges it for a ticket that travels as an HttpOnly cookie scoped to {@code
 * /apps/{id}/}. A ticket only says who the user is and what it rests on: the proxy checks on each
 * request that the credential still stands ({@code CallerAuthenticator#holderOf}: the session not
 * signed out, the personal token not revoked) and that the user may still read the app. A ticket
 * issued on an external provider's token expires with that token at the latest.
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

  /** What a valid ticket says: whose it is and the credential it was issued on. */
  public record Holder(
      String userId, Caller.Credential credential, Instant issuedAt, Instant expires) {}

  /** A ticket for the app's cookie. */
  public Ticket issue(String appId, String userId, Caller.Credential credential) {
    return issue(appId + "\n" + userId + "\n" + encode(credential), credential, lifetime());
  }

  /**
   * A fresh cookie ticket for the holder of a ticket (an entry ticket, or an aging cookie ticket),
   * on the same credential.
   */
  public Ticket reissue(String appId, Holder holder) {
    return issue(appId, holder.userId(), holder.credential());
  }

  /**
   * A ticket for the link into the app's own origin, which exchanges it for a cookie ticket there;
   * a cookie ticket is no entry ticket, nor the other way round.
   */
  public Ticket issueEntry(String appId, String userId, Caller.Credential credential) {
    return issue(
        ENTRY + "\n" + appId + "\n" + userId + "\n" + encode(credential),
        credential,
        ENTRY_LIFETIME);
  }

  /** The holder of a cookie ticket signed by us for this app and not expired; empty otherwise. */
  public Optional<Holder> verify(String ticket, String appId) {
    return fields(ticket)
        .filter(f -> f.length == 5 && f[0].equals(appId))
        .flatMap(f -> holder(f[1], f[2], f[3], f[4]));
  }

  /** The holder of an entry ticket signed by us for this app and not expired; empty otherwise. */
  public Optional<Holder> verifyEntry(String ticket, String appId) {
    return fields(ticket)
        .filter(f -> f.length == 6 && f[0].equals(ENTRY) && f[1].equals(appId))
        .flatMap(f -> holder(f[2], f[3], f[4], f[5]));
  }

  /**
   * When a cookie ticket issued now on {@code credential} expires: after the configured lifetime,
   * or with the credential if that comes first (an external provider's token).
   */
  public Instant cookieExpiry(Caller.Credential credential) {
    return expiry(credential, lifetime());
  }

  private Instant expiry(Caller.Credential credential, Duration lifetime) {
    Instant expires = clock.instant().plus(lifetime);
    Instant limit = credential.expiresAt();
    return limit != null && limit.isBefore(expires) ? limit : expires;
  }

  /** The credential as a ticket field: its kind and what identifies it. */
  private static String encode(Caller.Credential credential) {
    return switch (credential.kind()) {
      case SESSION -> "s:" + credential.id();
      case PERSONAL_TOKEN -> "p:" + credential.id();
      case EXTERNAL -> "x:" + credential.expiresAt().getEpochSecond();
    };
  }

  private static Optional<Caller.Credential> decode(String field) {
    if (field.length() < 2 || field.charAt(1) != ':') {
      return Optional.empty();
    }
    String value = field.substring(2);
    return switch (field.charAt(0)) {
      case 's' -> Optional.of(Caller.Credential.session(value));
      case 'p' -> Optional.of(Caller.Credential.personalToken(value));
      case 'x' ->
          Optional.of(Caller.Credential.external(Instant.ofEpochSecond(Long.parseLong(value))));
      default -> Optional.empty();
    };
  }

  private Ticket issue(String subject, Caller.Credential credential, Duration lifetime) {
    Instant now = clock.instant();
    Instant expires = expiry(credential, lifetime);
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

  private Optional<Holder> holder(
      String userId, String credential, String issuedAt, String expiresAt) {
    try {
      Instant issued = Instant.ofEpochSecond(Long.parseLong(issuedAt));
      Instant expires = Instant.ofEpochSecond(Long.parseLong(expiresAt));
      if (!clock.instant().isBefore(expires)) {
        return Optional.empty();
      }
      return decode(credential).map(c -> new Holder(userId, c, issued, expires));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a cookie ticket is past half its life, so worth replacing by a fresh one: one that
   * would last longer (a ticket that expires with its credential cannot).
   */
  public boolean aging(Holder holder) {
    return clock.instant().isAfter(holder.expires().minus(lifetime().dividedBy(2)))
        && cookieExpiry(holder.credential()).isAfter(holder.expires());
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
