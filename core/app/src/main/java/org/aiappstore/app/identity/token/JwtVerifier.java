package org.aiappstore.app.identity.token;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies a compact RS256 JWT. Deliberately strict and small: the header must say {@code RS256}
 * with a {@code kid} we know (which rules out {@code none} and HMAC-with-the-public-key forgeries),
 * the signature must match, and {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat} are
 * checked with a small clock skew.
 */
public final class JwtVerifier {

  /**
   * Looked up once: {@code Json.*} searches the class path for a provider on every call, which cost
   * more than checking the signature of every request's token.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final String issuer;
  private final String audience;
  private final Clock clock;

  /**
   * @param audience required audience, or {@code null} to skip the check (external tokens whose
   *     audience is not configured: their verifier checks the client they were issued to instead)
   */
  public JwtVerifier(String issuer, String audience, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  /** The verified claims. {@code keys} resolves a kid to its public key. */
  public JsonObject verify(String token, Function<String, Optional<PublicKey>> keys)
      throws InvalidTokenException {
    String[] parts = split(token);
    JsonObject header = decodeJson(parts[0]);
    if (!"RS256".equals(string(header, "alg"))) {
      throw new InvalidTokenException("The token must be signed with RS256.");
    }
    String kid = string(header, "kid");
    if (kid == null) {
      throw new InvalidTokenException("The token names no signing key.");
    }
    PublicKey key =
        keys.apply(kid)
            .orElseThrow(() -> new InvalidTokenException("The token's signing key is unknown."));
    if (!signatureMatches(parts, key)) {
      throw new InvalidTokenException("The token's signature is invalid.");
    }
    JsonObject claims = decodeJson(parts[1]);
    checkClaims(claims);
    return claims;
  }

  private void checkClaims(JsonObject claims) throws InvalidTokenException {
    if (!issuer.equals(string(claims, "iss"))) {
      throw new InvalidTokenException("The token has the wrong issuer.");
    }
    if (audience != null && !hasAudience(claims, audience)) {
      throw new InvalidTokenException("The token is not meant for this API.");
    }
    Instant now = clock.instant();
    Instant expiresAt = instant(claims, "exp");
    if (expiresAt == null) {
      throw new InvalidTokenException("The token has no expiry.");
    }
    if (!now.isBefore(expiresAt.plus(CLOCK_SKEW))) {
      throw new InvalidTokenException("The token has expired.");
    }
    Instant notBefore = instant(claims, "nbf");
    if (notBefore != null && now.isBefore(notBefore.minus(CLOCK_SKEW))) {
      throw new InvalidTokenException("The token is not valid yet.");
    }
    Instant issuedAt = instant(claims, "iat");
    if (issuedAt != null && now.isBefore(issuedAt.minus(CLOCK_SKEW))) {
      throw new InvalidTokenException("The token is not valid yet.");
    }
  }

  /** Whether the token's {@code aud} (a string or an array of them) names {@code audience}. */
  public static boolean hasAudience(JsonObject claims, String audience) {
    JsonValue aud = claims.get("aud");
    if (aud instanceof JsonString s) {
      return audience.equals(s.getString());
    }
    if (aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY) {
      return aud.asJsonArray().stream()
          .anyMatch(v -> v instanceof JsonString s && audience.equals(s.getString()));
    }
    return false;
  }

  private static boolean signatureMatches(String[] parts, PublicKey key)
      throws InvalidTokenException {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64Url.decode(parts[2]));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidTokenException("The token's signature is invalid.");
    }
  }

  static String[] split(String token) throws InvalidTokenException {
    if (token == null || token.length() > 16_384) {
      throw new InvalidTokenException("The token is malformed.");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new InvalidTokenException("The token is malformed.");
    }
    return parts;
  }

  /** The claims of a JWT WITHOUT any verification: only to route it to the right verifier. */
  public static Optional<JsonObject> peekClaims(String token) {
    try {
      return Optional.of(decodeJson(split(token)[1]));
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }

  static JsonObject decodeJson(String part) throws InvalidTokenException {
    try (JsonReader reader =
        JSON.createReader(
            new StringReader(new String(Base64Url.decode(part), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new InvalidTokenException("The token is malformed.");
    }
  }

  public static String string(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }

  public static Instant instant(JsonObject object, String name) throws InvalidTokenException {
    JsonValue value = object.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonNumber number)) {
      throw new InvalidTokenException("The token's " + name + " claim is not a number.");
    }
    return Instant.ofEpochMilli(number.bigDecimalValue().movePointRight(3).longValue());
  }
}
