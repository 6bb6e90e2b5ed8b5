package org.aiappstore.app.identity.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * Issues and verifies our access tokens: RS256 JWTs with the MicroProfile JWT 2.1 claims, so any
 * MP-JWT runtime can verify them against {@code /api/v1/auth/jwks}. {@code iat_ms} repeats the
 * issue time in milliseconds: {@code iat} has whole seconds, too coarse to tell a token issued just
 * before a password change from one issued just after it. {@code sid} names the session (its
 * refresh-token family), so that what is issued on the token's strength can end with the session.
 */
@ApplicationScoped
public class AccessTokens {

  static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

  /** Verified tokens remembered at most (one per signed-in client and quarter of an hour). */
  static final int VERIFIED_MAX = 10_000;

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  @Inject AppSettings settings;
  @Inject SigningKeyStore keys;

  private String issuer;
  private String audience;
  private Duration lifetime;
  private Clock clock = Clock.systemUTC();

  public AccessTokens() {}

  AccessTokens(
      SigningKeyStore keys, String issuer, String audience, Duration lifetime, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @jakarta.annotation.PostConstruct
  void configure() {
    issuer = settings.value(ConfigKey.JWT_ISSUER);
    audience = settings.value(ConfigKey.JWT_AUDIENCE);
    int minutes = settings.integer(ConfigKey.ACCESS_TOKEN_MINUTES);
    lifetime = Duration.ofMinutes(Math.max(1, Math.min(minutes, MAX_LIFETIME.toMinutes())));
  }

  public String issuer() {
    return issuer;
  }

  /** Signs a token for a user's session; {@code issuedAt} is normally now. */
  public IssuedAccessToken issue(
      String userId,
      String username,
      Collection<String> roles,
      String sessionId,
      Instant issuedAt) {
    JsonArrayBuilder groups = Json.createArrayBuilder();
    roles.stream().sorted().forEach(groups::add);
    JsonObject claims =
        Json.createObjectBuilder()
            .add("iss", issuer)
            .add("aud", audience)
            .add("sub", userId)
            .add("sid", sessionId)
            .add("upn", username)
            .add("preferred_username", username)
            .add("groups", groups)
            .add("iat", issuedAt.getEpochSecond())
            .add("iat_ms", issuedAt.toEpochMilli())
            .add("exp", issuedAt.plus(lifetime).getEpochSecond())
            .add("jti", UUID.randomUUID().toString())
            .build();
    return new IssuedAccessToken(JwtSigner.sign(claims, keys.active()), lifetime.toSeconds());
  }

  public IssuedAccessToken issue(
      String userId, String username, Collection<String> roles, String sessionId) {
    return issue(userId, username, roles, sessionId, clock.instant());
  }

  /**
   * The claims of a valid token. A client sends the same token with every request while it lasts,
   * and checking its RSA signature each time was a fifth of what authenticating a request costs:
   * tokens already verified are remembered until they expire, and what can change meanwhile is
   * checked on every use (the expiry, and the signing key still being ours). The user behind the
   * token is read by the caller on every request regardless.
   */
  public AccessTokenClaims verify(String token) throws InvalidTokenException {
    Verified known = verified.get(token);
    if (known != null) {
      if (clock.instant().isBefore(known.expiresAt().plus(JwtVerifier.CLOCK_SKEW))
          && keys.publicKey(known.kid()).isPresent()) {
        return known.claims();
      }
      verified.remove(token);
    }
    JsonObject claims = new JwtVerifier(issuer, audience, clock).verify(token, keys::publicKey);
    String subject = JwtVerifier.string(claims, "sub");
    if (subject == null) {
      throw new InvalidTokenException("The token names no user.");
    }
    Instant issuedAt = JwtVerifier.instant(claims, "iat");
    if (claims.get("iat_ms") instanceof jakarta.json.JsonNumber ms) {
      issuedAt = Instant.ofEpochMilli(ms.longValue());
    }
    if (issuedAt == null) {
      throw new InvalidTokenException("The token has no issue time.");
    }
    String sessionId = JwtVerifier.string(claims, "sid");
    if (sessionId == null) {
      // Issued before tokens named their session: the web app refreshes and gets one that does.
      throw new InvalidTokenException("The token names no session; sign in again.");
    }
    AccessTokenClaims result =
        new AccessTokenClaims(subject, issuedAt, JwtVerifier.string(claims, "jti"), sessionId);
    if (verified.size() >= VERIFIED_MAX) {
      verified.clear(); // simpler than LRU: more live tokens than this means unusual load
    }
    String kid = JwtVerifier.string(JwtVerifier.decodeJson(JwtVerifier.split(token)[0]), "kid");
    verified.put(token, new Verified(result, kid, JwtVerifier.instant(claims, "exp")));
    return result;
  }

  private record Verified(AccessTokenClaims claims, String kid, Instant expiresAt) {}
}
