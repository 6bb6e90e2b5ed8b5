package org.aiappstore.app.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.token.JwtSigner;
import org.aiappstore.app.identity.token.SigningKey;
import org.aiappstore.app.identity.token.TestingJwts;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Verifies external tokens against a JWKS served by a real local HTTP server. */
class ExternalTokenVerifierTest {

  private static final String ISSUER = "https://idp.example/realms/aas";

  private final List<SigningKey> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer server;
  private ExternalTokenVerifier verifier;

  @BeforeEach
  void startJwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          fetches.incrementAndGet();
          JsonArrayBuilder keys = Json.createArrayBuilder();
          published.forEach(k -> keys.add(k.publicJwk()));
          byte[] body =
              Json.createObjectBuilder()
                  .add("keys", keys)
                  .build()
                  .toString()
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    published.add(SigningKey.generate());
    verifier = new ExternalTokenVerifier(settings("aas-api"), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OidcSettings settings(String audience) {
    return settings(audience, "web");
  }

  private OidcSettings settings(String audience, String clientId) {
    String jwks = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    return new OidcSettings(
        ISSUER, jwks, audience, "realm_access.roles", "admin", clientId, "", "", "openid");
  }

  private static JsonObject claims(String... roles) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (String role : roles) {
      list.add(role);
    }
    return TestingJwts.claims(ISSUER, "aas-api", Instant.now())
        .add("sub", "ext-42")
        .add("preferred_username", "erin")
        .add("email", "erin@example.org")
        .add("realm_access", Json.createObjectBuilder().add("roles", list))
        .build();
  }

  @Test
  void shouldAcceptATokenSignedByAPublishedKeyAndMapItsRoles() throws Exception {
    ExternalIdentity identity = verifier.verify(JwtSigner.sign(claims("admin"), published.get(0)));

    assertThat(identity.subject()).isEqualTo("ext-42");
    assertThat(identity.preferredUsername()).isEqualTo("erin");
    assertThat(identity.roles()).containsExactlyInAnyOrder("admin", "user");
  }

  @Test
  void shouldRecogniseTokensOfTheExternalIssuerOnly() {
    assertThat(verifier.claimsToBeFrom(JwtSigner.sign(claims(), published.get(0)))).isTrue();
    JsonObject ours = TestingJwts.claims("aiappstore", "aiappstore-api", Instant.now()).build();
    assertThat(verifier.claimsToBeFrom(JwtSigner.sign(ours, published.get(0)))).isFalse();
    assertThat(verifier.claimsToBeFrom("aas_pat_xyz")).isFalse();
  }

  @Test
  void shouldCacheTheKeySetAndRefetchItWhenTheProviderRotates() throws Exception {
    verifier.verify(JwtSigner.sign(claims(), published.get(0)));
    verifier.verify(JwtSigner.sign(claims(), published.get(0)));
    assertThat(fetches).hasValue(1);

    // The interval that protects the provider from made-up kids has passed in this fresh verifier.
    verifier = new ExternalTokenVerifier(settings("aas-api"), Clock.systemUTC());
    verifier.verify(JwtSigner.sign(claims(), published.get(0)));
    SigningKey rotated = SigningKey.generate();
    published.add(rotated);
    assertThatThrownBy(() -> verifier.verify(JwtSigner.sign(claims(), rotated)))
        .as("refetch is rate-limited right after a fetch")
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void shouldFindARotatedKeyByRefetching() throws Exception {
    SigningKey rotated = SigningKey.generate();
    published.add(rotated);
    assertThat(verifier.verify(JwtSigner.sign(claims("user"), rotated)).roles())
        .containsExactly("user");
  }

  @Nested
  class ShouldReject {

    @Test
    void aTokenSignedByAKeyTheProviderDoesNotPublish() {
      SigningKey stranger = SigningKey.generate();
      assertThatThrownBy(() -> verifier.verify(JwtSigner.sign(claims(), stranger)))
          .hasMessageContaining("unknown");
    }

    @Test
    void aTokenForAnotherAudience() {
      JsonObject other = Json.createObjectBuilder(claims()).add("aud", "someone-else").build();
      assertThatThrownBy(() -> verifier.verify(JwtSigner.sign(other, published.get(0))))
          .hasMessageContaining("not meant");
    }

    @Test
    void anHs256TokenMadeWithThePublishedKey() {
      SigningKey key = published.get(0);
      String forged =
          TestingJwts.hs256WithPublicKey(claims("admin"), key, key.publicKey().getEncoded());
      assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }
  }

  @Nested
  class WhenNoAudienceIsConfigured {

    private String signed(JsonObject claims) {
      return JwtSigner.sign(claims, published.get(0));
    }

    /** A token of the realm as Keycloak issues it: audience "account", azp the client. */
    private JsonObject issuedTo(String client) {
      return Json.createObjectBuilder(claims()).add("aud", "account").add("azp", client).build();
    }

    @Test
    void shouldAcceptOnlyTokensIssuedToTheWebAppsClient() throws Exception {
      verifier = new ExternalTokenVerifier(settings("", "web"), Clock.systemUTC());
      JsonObject namingWebInAud =
          Json.createObjectBuilder(claims())
              .add("aud", Json.createArrayBuilder().add("account").add("web"))
              .build();
      JsonObject namingNoClient = Json.createObjectBuilder(claims()).remove("aud").build();

      assertThat(verifier.verify(signed(issuedTo("web"))).subject()).isEqualTo("ext-42");
      assertThat(verifier.verify(signed(namingWebInAud)).subject()).isEqualTo("ext-42");
      assertThatThrownBy(() -> verifier.verify(signed(issuedTo("other-client"))))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("another client");
      assertThatThrownBy(() -> verifier.verify(signed(namingNoClient)))
          .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRefuseToStartWithoutAClientIdEither() {
      assertThatThrownBy(() -> new ExternalTokenVerifier(settings("", ""), Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("aiappstore.oidc.audience")
          .hasMessageContaining("aiappstore.oidc.client-id");
    }
  }

  @Nested
  class WhenProvisioning {

    private final TestingMongo mongo = new TestingMongo();
    private final UserRepository users = new UserRepository(mongo);
    private final MutableClock clock = new MutableClock();
    private final ExternalUserProvisioner provisioner = new ExternalUserProvisioner(users, clock);

    @AfterEach
    void close() {
      mongo.close();
    }

    @Test
    void shouldCreateTheUserOnceAndFollowRoleChanges() throws Exception {
      var first =
          provisioner.provision(verifier.verify(JwtSigner.sign(claims("admin"), published.get(0))));
      var again =
          provisioner.provision(verifier.verify(JwtSigner.sign(claims("other"), published.get(0))));

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(first.roles()).contains("admin");
      assertThat(again.roles()).containsExactly("user");
      assertThat(again.isExternal()).isTrue();
      assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void shouldRecordTheSignInThroughTheProviderToTheHour() {
      ExternalIdentity erin =
          new ExternalIdentity(ISSUER, "s-1", "erin", null, null, java.util.Set.of("user"), null);
      Instant firstCall = clock.instant();

      assertThat(provisioner.provision(erin).providerSignInAt()).isEqualTo(firstCall);
      clock.advance(Duration.ofMinutes(59));
      assertThat(provisioner.provision(erin).providerSignInAt()).isEqualTo(firstCall);
      clock.advance(Duration.ofMinutes(2));
      assertThat(provisioner.provision(erin).providerSignInAt()).isEqualTo(clock.instant());
      assertThat(users.findByExternalIdentity(ISSUER, "s-1").orElseThrow().providerSignInAt())
          .isEqualTo(clock.instant());
    }

    @Test
    void shouldPickAFreeUsernameWhenThePreferredOneIsTaken() {
      ExternalIdentity a =
          new ExternalIdentity(ISSUER, "s-1", "erin", null, null, java.util.Set.of("user"), null);
      ExternalIdentity b =
          new ExternalIdentity(ISSUER, "s-2", "Erin", null, null, java.util.Set.of("user"), null);
      assertThat(provisioner.provision(a).username()).isEqualTo("erin");
      assertThat(provisioner.provision(b).username()).isEqualTo("Erin-2");
    }
  }
}
