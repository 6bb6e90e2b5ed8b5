package org.aiappstore.app.identity.oidc;

import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/** The external OpenID Connect provider, if one is configured. */
public record OidcSettings(
    String issuer,
    String jwksUri,
    String audience,
    String rolesClaim,
    String adminRole,
    String clientId,
    String authorizationEndpoint,
    String tokenEndpoint,
    String scope) {

  public static OidcSettings from(AppSettings settings) {
    return new OidcSettings(
        settings.value(ConfigKey.OIDC_ISSUER),
        settings.value(ConfigKey.OIDC_JWKS_URI),
        settings.value(ConfigKey.OIDC_AUDIENCE),
        settings.value(ConfigKey.OIDC_ROLES_CLAIM),
        settings.value(ConfigKey.OIDC_ADMIN_ROLE),
        settings.value(ConfigKey.OIDC_CLIENT_ID),
        settings.value(ConfigKey.OIDC_AUTHORIZATION_ENDPOINT),
        settings.value(ConfigKey.OIDC_TOKEN_ENDPOINT),
        settings.value(ConfigKey.OIDC_SCOPE));
  }

  public boolean enabled() {
    return !issuer.isEmpty();
  }
}
