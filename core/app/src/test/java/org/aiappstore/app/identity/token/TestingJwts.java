package org.aiappstore.app.identity.token;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds valid and forged JWTs for tests. */
public final class TestingJwts {

  private TestingJwts() {}

  public static JsonObjectBuilder claims(String issuer, String audience, Instant now) {
    return Json.createObjectBuilder()
        .add("iss", issuer)
        .add("aud", audience)
        .add("sub", "user-1")
        .add("iat", now.getEpochSecond())
        .add("exp", now.plusSeconds(600).getEpochSecond());
  }

  public static String sign(JsonObject claims, SigningKey key) {
    return JwtSigner.sign(claims, key);
  }

  /** An unsigned token: {@code alg: none}. */
  public static String unsigned(JsonObject claims, String kid) {
    JsonObject header = Json.createObjectBuilder().add("alg", "none").add("kid", kid).build();
    return Base64Url.encode(header.toString()) + "." + Base64Url.encode(claims.toString()) + ".";
  }

  /**
   * The classic key-confusion forgery: HS256 with the verifier's PUBLIC key bytes as the HMAC
   * secret, which a naive verifier would accept.
   */
  public static String hs256WithPublicKey(JsonObject claims, SigningKey key, byte[] secret) {
    JsonObject header =
        Json.createObjectBuilder()
            .add("alg", "HS256")
            .add("typ", "JWT")
            .add("kid", key.kid())
            .build();
    String input = Base64Url.encode(header.toString()) + "." + Base64Url.encode(claims.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the payload of a signed token, keeping header and signature. */
  public static String withPayload(String token, JsonObject claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + Base64Url.encode(claims.toString()) + "." + parts[2];
  }
}
