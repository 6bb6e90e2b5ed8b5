package org.aiappstore.app.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

  private final TestingMongo mongo = new TestingMongo();
  private final SigningKeyStore keys = new SigningKeyStore(mongo);
  private final AccessTokens tokens =
      new AccessTokens(
          keys,
          "aiappstore",
          "aiappstore-api",
          Duration.ofMinutes(10),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void close() {
    mongo.close();
  }

  @Test
  void shouldCarryTheMicroProfileJwtClaims() throws Exception {
    IssuedAccessToken issued = tokens.issue("u-1", "alice", List.of("user", "admin"), "f-1");
    JsonObject header = JwtVerifier.decodeJson(issued.token().split("\\.")[0]);
    JsonObject claims = JwtVerifier.peekClaims(issued.token()).orElseThrow();

    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("typ")).isEqualTo("JWT");
    assertThat(header.getString("kid")).isEqualTo(keys.active().kid());
    assertThat(claims.getString("iss")).isEqualTo("aiappstore");
    assertThat(claims.getString("aud")).isEqualTo("aiappstore-api");
    assertThat(claims.getString("sub")).isEqualTo("u-1");
    assertThat(claims.getString("upn")).isEqualTo("alice");
    assertThat(claims.getString("preferred_username")).isEqualTo("alice");
    assertThat(claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("admin", "user");
    assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue())
        .isEqualTo(600);
    assertThat(claims.getString("jti")).isNotBlank();
    assertThat(claims.getString("sid"))
        .as("the session, its refresh-token family")
        .isEqualTo("f-1");
    assertThat(issued.expiresIn()).isEqualTo(600);
  }

  @Test
  void shouldVerifyItsOwnTokenWithMillisecondIssueTime() throws Exception {
    AccessTokenClaims claims =
        tokens.verify(tokens.issue("u-1", "alice", List.of("user"), "f-1").token());
    assertThat(claims.userId()).isEqualTo("u-1");
    assertThat(claims.issuedAt()).isEqualTo(NOW);
    assertThat(claims.sessionId()).isEqualTo("f-1");
  }

  @Test
  void shouldRefuseATokenThatNamesNoSession() throws Exception {
    JsonObject claims =
        Json.createObjectBuilder()
            .add("iss", "aiappstore")
            .add("aud", "aiappstore-api")
            .add("sub", "u-1")
            .add("iat", NOW.getEpochSecond())
            .add("exp", NOW.plus(Duration.ofMinutes(5)).getEpochSecond())
            .build();

    assertThatThrownBy(() -> tokens.verify(JwtSigner.sign(claims, keys.active())))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("names no session");
  }

  @Test
  void shouldKeepTheSameKeyAcrossStoresOnTheSameDatabase() {
    SigningKeyStore another = new SigningKeyStore(mongo);
    assertThat(another.active().kid()).isEqualTo(keys.active().kid());
  }

  @Test
  void shouldRefuseARememberedTokenOnceItExpires() throws Exception {
    MovableClock clock = new MovableClock(NOW);
    AccessTokens remembering =
        new AccessTokens(keys, "aiappstore", "aiappstore-api", Duration.ofMinutes(10), clock);
    String token = remembering.issue("u-1", "alice", List.of("user"), "f-1").token();
    assertThat(remembering.verify(token).userId()).isEqualTo("u-1");

    clock.now = NOW.plus(Duration.ofMinutes(10)).plus(JwtVerifier.CLOCK_SKEW);

    assertThatThrownBy(() -> remembering.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void shouldRefuseAForgedSignatureOfARememberedToken() throws Exception {
    String token = tokens.issue("u-1", "alice", List.of("user"), "f-1").token();
    tokens.verify(token);
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + Base64Url.randomSecret(256);

    assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class);
  }

  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldRejectAnOpaqueTokenAsAccessToken() {
    assertThatThrownBy(() -> tokens.verify(Base64Url.randomSecret(32)))
        .isInstanceOf(InvalidTokenException.class);
  }
}
