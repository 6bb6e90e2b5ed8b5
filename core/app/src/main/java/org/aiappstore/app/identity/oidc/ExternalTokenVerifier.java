package org.aiappstore.app.identity.oidc;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.token.JwtVerifier;

/**
 * Verifies RS256 access tokens of the configured external OIDC provider against its JWKS. A token
 * must be meant for this platform: its {@code aud} names the configured audience or, with none
 * configured, its {@code azp} (the client it was issued to) or {@code aud} names the web app's
 * client id. Otherwise a token the provider issued to any other of its clients would be accepted
 * here.
 */
public class ExternalTokenVerifier {

  private final OidcSettings settings;
  private final RemoteJwks jwks;
  private final JwtVerifier verifier;

  /**
   * @throws IllegalArgumentException when neither an audience nor a client id is configured: there
   *     would be nothing to tell this platform's tokens from those of the provider's other clients
   */
  public ExternalTokenVerifier(OidcSettings settings, Clock clock) {
    if (settings.audience().isEmpty() && settings.clientId().isEmpty()) {
      throw new IllegalArgumentException(
          "aiappstore.oidc.issuer is set but neither aiappstore.oidc.audience nor"
              + " aiappstore.oidc.client-id: set one, or tokens the provider issued to any of its"
              + " clients would be accepted.");
    }
    this.settings = settings;
    this.jwks = new RemoteJwks(URI.create(settings.jwksUri()), clock);
    this.verifier =
        new JwtVerifier(
            settings.issuer(), settings.audience().isEmpty() ? null : settings.audience(), clock);
  }

  /** Whether a token claims to come from the external provider (unverified, to route it). */
  public boolean claimsToBeFrom(String token) {
    return JwtVerifier.peekClaims(token)
        .map(c -> settings.issuer().equals(JwtVerifier.string(c, "iss")))
        .orElse(false);
  }

  public ExternalIdentity verify(String token) throws InvalidTokenException {
    JsonObject claims = verifier.verify(token, jwks::key);
    if (settings.audience().isEmpty() && !issuedToTheWebApp(claims)) {
      throw new InvalidTokenException("The token was issued to another client.");
    }
    String subject = JwtVerifier.string(claims, "sub");
    if (subject == null || subject.isBlank()) {
      throw new InvalidTokenException("The token names no subject.");
    }
    return new ExternalIdentity(
        settings.issuer(),
        subject,
        JwtVerifier.string(claims, "preferred_username"),
        JwtVerifier.string(claims, "email"),
        JwtVerifier.string(claims, "name"),
        RolesClaim.map(RolesClaim.read(claims, settings.rolesClaim()), settings.adminRole()),
        JwtVerifier.instant(claims, "exp"));
  }

  private boolean issuedToTheWebApp(JsonObject claims) {
    return settings.clientId().equals(JwtVerifier.string(claims, "azp"))
        || JwtVerifier.hasAudience(claims, settings.clientId());
  }
}
