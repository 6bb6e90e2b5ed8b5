package org.aiappstore.app.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

  private static final SigningKey KEY = SigningKey.generate();
  private static final SigningKey OTHER_KEY = SigningKey.generate();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final JwtVerifier verifier =
      new JwtVerifier("aiappstore", "aiappstore-api", Clock.fixed(NOW, ZoneOffset.UTC));
  private final Function<String, Optional<PublicKey>> keys =
      kid -> kid.equals(KEY.kid()) ? Optional.of(KEY.publicKey()) : Optional.empty();

  private static JsonObject validClaims() {
    return TestingJwts.claims("aiappstore", "aiappstore-api", NOW).build();
  }

  private JsonObject verify(String token) throws InvalidTokenException {
    return verifier.verify(token, keys);
  }

  @Test
  void shouldAcceptAValidToken() throws Exception {
    JsonObject claims = verify(JwtSigner.sign(validClaims(), KEY));
    assertThat(claims.getString("sub")).isEqualTo("user-1");
  }

  @Test
  void shouldAcceptAnAudienceList() throws Exception {
    JsonObject claims =
        Json.createObjectBuilder(validClaims())
            .add("aud", Json.createArrayBuilder().add("other").add("aiappstore-api"))
            .build();
    assertThat(verify(JwtSigner.sign(claims, KEY))).isNotNull();
  }

  @Test
  void shouldToleratea30SecondClockSkew() throws Exception {
    JsonObject justExpired =
        Json.createObjectBuilder(validClaims())
            .add("exp", NOW.minusSeconds(20).getEpochSecond())
            .build();
    assertThat(verify(JwtSigner.sign(justExpired, KEY))).isNotNull();
  }

  @Nested
  class ShouldReject {

    @Test
    void algNone() {
      String unsigned = TestingJwts.unsigned(validClaims(), KEY.kid());
      assertThatThrownBy(() -> verify(unsigned)).isInstanceOf(InvalidTokenException.class);
      assertThatThrownBy(() -> verify(unsigned + "c2ln")).hasMessageContaining("RS256");
    }

    @Test
    void hs256SignedWithThePublicKey() {
      String forged =
          TestingJwts.hs256WithPublicKey(validClaims(), KEY, KEY.publicKey().getEncoded());
      assertThatThrownBy(() -> verify(forged)).hasMessageContaining("RS256");
    }

    @Test
    void hs256SignedWithTheJwkModulus() {
      byte[] modulus = KEY.publicKey().getModulus().toByteArray();
      assertThatThrownBy(() -> verify(TestingJwts.hs256WithPublicKey(validClaims(), KEY, modulus)))
          .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void anExpiredToken() {
      JsonObject expired =
          Json.createObjectBuilder(validClaims())
              .add("exp", NOW.minusSeconds(31).getEpochSecond())
              .build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(expired, KEY)))
          .hasMessageContaining("expired");
    }

    @Test
    void aTokenWithoutExpiry() {
      JsonObject noExpiry = Json.createObjectBuilder(validClaims()).remove("exp").build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(noExpiry, KEY)))
          .hasMessageContaining("no expiry");
    }

    @Test
    void aTokenNotValidYet() {
      JsonObject future =
          Json.createObjectBuilder(validClaims())
              .add("nbf", NOW.plusSeconds(120).getEpochSecond())
              .build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(future, KEY)))
          .hasMessageContaining("not valid yet");
    }

    @Test
    void aTokenIssuedInTheFuture() {
      JsonObject future =
          Json.createObjectBuilder(validClaims())
              .add("iat", NOW.plusSeconds(120).getEpochSecond())
              .build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(future, KEY)))
          .hasMessageContaining("not valid yet");
    }

    @Test
    void theWrongIssuer() {
      JsonObject claims = Json.createObjectBuilder(validClaims()).add("iss", "evil").build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(claims, KEY))).hasMessageContaining("issuer");
    }

    @Test
    void theWrongAudience() {
      JsonObject claims = Json.createObjectBuilder(validClaims()).add("aud", "other-api").build();
      assertThatThrownBy(() -> verify(JwtSigner.sign(claims, KEY)))
          .hasMessageContaining("not meant for this API");
    }

    @Test
    void anAlteredPayload() {
      String token = JwtSigner.sign(validClaims(), KEY);
      JsonObject elevated = Json.createObjectBuilder(validClaims()).add("sub", "admin-1").build();
      assertThatThrownBy(() -> verify(TestingJwts.withPayload(token, elevated)))
          .hasMessageContaining("signature");
    }

    @Test
    void anAlteredSignature() {
      String token = JwtSigner.sign(validClaims(), KEY);
      char last = token.charAt(token.length() - 5);
      String altered =
          token.substring(0, token.length() - 5)
              + (last == 'A' ? 'B' : 'A')
              + token.substring(token.length() - 4);
      assertThatThrownBy(() -> verify(altered)).hasMessageContaining("signature");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKid() {
      SigningKey impostor =
          new SigningKey(KEY.kid(), OTHER_KEY.privateKey(), OTHER_KEY.publicKey());
      assertThatThrownBy(() -> verify(JwtSigner.sign(validClaims(), impostor)))
          .hasMessageContaining("signature");
    }

    @Test
    void anUnknownKid() {
      assertThatThrownBy(() -> verify(JwtSigner.sign(validClaims(), OTHER_KEY)))
          .hasMessageContaining("unknown");
    }

    @Test
    void garbage() {
      for (String garbage :
          new String[] {
            "", "abc", "a.b", "a.b.c", "!!!.###.$$$", "a.b.c.d", "eyJhbGciOiJSUzI1NiJ9.."
          }) {
        assertThatThrownBy(() -> verify(garbage))
            .as(garbage)
            .isInstanceOf(InvalidTokenException.class);
      }
    }

    @Test
    void aPayloadThatIsNotAnObject() {
      String token = JwtSigner.sign(validClaims(), KEY);
      String[] parts = token.split("\\.");
      String notObject = parts[0] + "." + Base64Url.encode("[1,2]") + "." + parts[2];
      assertThatThrownBy(() -> verify(notObject)).isInstanceOf(InvalidTokenException.class);
    }
  }
}
