/** Roles known to the server. */
export type Role = 'user' | 'admin'

/** `GET /api/v1/auth/me`, and the user in every login-shaped answer. */
export interface User {
  id: string
  username: string
  displayName: string
  email: string | null
  roles: Role[]
  disabled: boolean
  /** Signed in through an external OpenID Connect provider (no local password). */
  external: boolean
  createdAt: string
  updatedAt: string
}

/** External OpenID Connect provider, used with authorization code + PKCE as a public client. */
export interface OidcConfig {
  issuer: string
  clientId: string
  authorizationEndpoint: string
  tokenEndpoint: string
  scope: string
}

/** `GET /api/v1/auth/config` (public) */
export interface AuthConfig {
  builtInLogin: boolean
  oidc: OidcConfig | null
}

/** Answer of login, refresh and password change. */
export interface LoginResponse {
  accessToken: string
  tokenType: 'Bearer'
  /** Lifetime of the access token in seconds. */
  expiresIn: number
  user: User
}

export type ApiTokenScope = 'read' | 'write'

/** One personal API token as listed by `GET /api/v1/auth/tokens` (never the secret). */
export interface ApiToken {
  id: string
  name: string
  scope: ApiTokenScope
  createdAt: string
  expiresAt: string
  lastUsedAt: string | null
}

/** `POST /api/v1/auth/tokens`: the secret is in this answer only. */
export interface CreatedApiToken extends ApiToken {
  token: string
}

export interface NewApiToken {
  name: string
  scope: ApiTokenScope
  expiresInDays: number
}
