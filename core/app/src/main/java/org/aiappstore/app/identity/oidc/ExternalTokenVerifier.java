package org.aiappstore.app.identity.oidc;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.token.JwtVerifier;

/** Verifies RS256 access tokens of the configured external OIDC provider against its JWKS. */
public class ExternalTokenVerifier {

  private final OidcSettings settings;
  private final RemoteJwks jwks;
  private final JwtVerifier verifier;

  public ExternalTokenVerifier(OidcSettings settings, Clock clock) {
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
        RolesClaim.map(RolesClaim.read(claims, settings.rolesClaim()), settings.adminRole()));
  }
}
