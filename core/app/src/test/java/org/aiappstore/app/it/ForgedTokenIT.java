package org.aiappstore.app.it;

import static org.hamcrest.Matchers.equalTo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens an attacker could craft are refused by the server with 401 INVALID_TOKEN. */
class ForgedTokenIT {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static void assertRefused(String token) {
    AuthIT.as(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .body("code", equalTo("INVALID_TOKEN"));
  }

  private static JsonObject decode(String part) {
    try (JsonReader reader =
        Json.createReader(
            new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Admin claims for a real user id, as an attacker who read a token of theirs could write. */
  private static JsonObject adminClaims(String realToken) {
    JsonObject claims = decode(realToken.split("\\.")[1]);
    return Json.createObjectBuilder(claims)
        .add("groups", Json.createArrayBuilder().add("admin").add("user"))
        .add("exp", Instant.now().plusSeconds(3600).getEpochSecond())
        .build();
  }

  @Test
  void shouldRefuseAlgNone() {
    String real = AuthIT.newSession("user").accessToken();
    JsonObject header = Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build();
    assertRefused(encode(header) + "." + encode(adminClaims(real)) + ".");
  }

  @Test
  void shouldRefuseHs256SignedWithThePublishedPublicKey() throws Exception {
    String real = AuthIT.newSession("user").accessToken();
    JsonObject jwk =
        decode(B64.encodeToString(ApiIT.given().get("/api/v1/auth/jwks").asByteArray()))
            .getJsonArray("keys")
            .getJsonObject(0);
    byte[] publicKey =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n"))),
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")))))
            .getEncoded();
    JsonObject header =
        Json.createObjectBuilder()
            .add("alg", "HS256")
            .add("typ", "JWT")
            .add("kid", jwk.getString("kid"))
            .build();
    String input = encode(header) + "." + encode(adminClaims(real));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
    assertRefused(
        input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void shouldRefuseAnAlteredPayload() {
    String real = AuthIT.newSession("user").accessToken();
    String[] parts = real.split("\\.");
    assertRefused(parts[0] + "." + encode(adminClaims(real)) + "." + parts[2]);
  }

  @Test
  void shouldRefuseARefreshTokenUsedAsAccessToken() {
    assertRefused(AuthIT.newSession("user").refreshCookie());
  }

  @Test
  void shouldRefuseGarbage() {
    assertRefused("a.b.c");
  }

  @Test
  void shouldIgnoreTheGroupsClaimAndUseTheUsersCurrentRoles() {
    // A real token of a plain user: its roles come from the database, so it stays a user.
    AuthIT.as(AuthIT.newSession("user").accessToken())
        .get("/api/v1/admin/users")
        .then()
        .statusCode(403);
  }
}
