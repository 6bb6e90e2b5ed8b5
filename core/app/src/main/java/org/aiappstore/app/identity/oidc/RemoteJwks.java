package org.aiappstore.app.identity.oidc;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.http.AnswerWait;
import org.aiappstore.app.identity.token.SigningKey;

/**
 * The external provider's signing keys, fetched from its JWKS and cached. An unknown kid triggers a
 * refetch (the provider rotated its keys), but at most once per {@link #MIN_REFETCH_INTERVAL} so
 * that tokens with made-up kids cannot make us hammer the provider.
 */
public class RemoteJwks {

  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(RemoteJwks.class.getName());

  private final URI uri;
  private final HttpClient client;
  private final Clock clock;
  private volatile Map<String, PublicKey> keys = Map.of();
  private volatile Instant fetchedAt = Instant.MIN;

  public RemoteJwks(URI uri, Clock clock) {
    this.uri = uri;
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public Optional<PublicKey> key(String kid) {
    PublicKey key = keys.get(kid);
    if (key == null && refetchAllowed()) {
      refetch();
      key = keys.get(kid);
    }
    return Optional.ofNullable(key);
  }

  private boolean refetchAllowed() {
    return !clock.instant().isBefore(fetchedAt.plus(MIN_REFETCH_INTERVAL));
  }

  private synchronized void refetch() {
    if (!refetchAllowed()) {
      return;
    }
    fetchedAt = clock.instant();
    try {
      // The whole exchange within the timeout, body included: this runs under the lock every
      // sign-in with an external token waits for, and a request timeout alone does not cover a
      // body that stalls (JDK-8208693).
      HttpResponse<String> response =
          AnswerWait.within(
              client.sendAsync(
                  HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()),
              TIMEOUT);
      if (response.statusCode() != 200) {
        LOG.warning(() -> "JWKS " + uri + " answered " + response.statusCode());
        return;
      }
      keys = parse(response.body());
    } catch (java.io.IOException e) {
      LOG.log(Level.WARNING, "Cannot fetch JWKS " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, PublicKey> parse(String body) {
    Map<String, PublicKey> parsed = new HashMap<>();
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      for (JsonValue value : reader.readObject().getJsonArray("keys")) {
        JsonObject jwk = value.asJsonObject();
        if (!"RSA".equals(jwk.getString("kty", "")) || !jwk.containsKey("kid")) {
          continue;
        }
        if (jwk.containsKey("use") && !"sig".equals(jwk.getString("use", ""))) {
          continue;
        }
        try {
          parsed.put(jwk.getString("kid"), SigningKey.publicKeyOf(jwk));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
          LOG.warning(() -> "Skipping unreadable JWK " + jwk.getString("kid", "?"));
        }
      }
    }
    return Map.copyOf(parsed);
  }
}
