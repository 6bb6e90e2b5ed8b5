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

  /** A ticket and when it expires. */
  public record Ticket(String value, Instant expires) {}

  /** What a valid ticket says. */
  public record Holder(String userId, Instant issuedAt) {}

  public Ticket issue(String appId, String userId) {
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime());
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (appId
                        + "\n"
                        + userId
                        + "\n"
                        + now.getEpochSecond()
                        + "\n"
                        + expires.getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
    return new Ticket(payload + "." + sign(payload), expires);
  }

  /** The holder of a ticket signed by us for this app and not expired; empty otherwise. */
  public Optional<Holder> verify(String ticket, String appId) {
    if (ticket == null) {
      return Optional.empty();
    }
    int dot = ticket.indexOf('.');
    if (dot <= 0
        || !SharedKeys.sameSignature(sign(ticket.substring(0, dot)), ticket.substring(dot + 1))) {
      return Optional.empty();
    }
    String[] fields;
    try {
      fields =
          new String(
                  Base64.getUrlDecoder().decode(ticket.substring(0, dot)), StandardCharsets.UTF_8)
              .split("\n", -1);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (fields.length != 4 || !fields[0].equals(appId)) {
      return Optional.empty();
    }
    try {
      Instant issued = Instant.ofEpochSecond(Long.parseLong(fields[2]));
      Instant expires = Instant.ofEpochSecond(Long.parseLong(fields[3]));
      return clock.instant().isBefore(expires)
          ? Optional.of(new Holder(fields[1], issued))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The cookie: HttpOnly (the app's scripts cannot read it anyway, the platform's need not), only
   * sent to this app's path. SameSite=None, hence Secure: the app's document runs in an opaque
   * origin (CSP sandbox), so the browser treats its requests as cross-site and would withhold a Lax
   * or Strict cookie. Browsers accept Secure cookies from http://localhost; elsewhere the platform
   * must be served over HTTPS.
   */
  public static String cookie(String appId, Ticket ticket, Instant now) {
    long maxAge = Math.max(0, Duration.between(now, ticket.expires()).toSeconds());
    return COOKIE
        + "="
        + ticket.value()
        + "; Path="
        + AppProxyServlet.prefix(appId)
        + "; Max-Age="
        + maxAge
        + "; HttpOnly; Secure; SameSite=None";
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
