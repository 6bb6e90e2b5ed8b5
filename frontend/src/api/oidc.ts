import type { AxiosInstance } from 'axios'
import type { OidcConfig } from '@/types/auth'
import { createApiClient } from './client'
import { codeChallengeS256, createCodeVerifier, randomUrlSafeString } from './pkce'

/** sessionStorage key of the pending sign-in (state, verifier, where to return). */
export const OIDC_PENDING_KEY = 'aiappstore.oidc.pending'

export const OIDC_CALLBACK_PATH = '/auth/callback'

export interface OidcPendingSignIn {
  state: string
  codeVerifier: string
  redirectUri: string
  /** The app path to open after signing in. */
  returnTo: string
}

/** Token endpoint answer (RFC 6749 §5.1). */
export interface OidcTokenResponse {
  access_token: string
  token_type: string
  expires_in?: number
  id_token?: string
}

/** The provider is another origin: its own client, without our bearer token or refresh logic. */
const providerClient = createApiClient({ baseURL: undefined })

export function callbackUri(origin: string = window.location.origin): string {
  return `${origin}${OIDC_CALLBACK_PATH}`
}

/**
 * Prepares an authorization request: saves state and verifier in sessionStorage and returns the URL
 * of the provider's authorization endpoint to send the browser to.
 */
export async function buildAuthorizationUrl(
  config: OidcConfig,
  returnTo: string,
  storage: Storage = sessionStorage,
  origin: string = window.location.origin,
): Promise<string> {
  const pending: OidcPendingSignIn = {
    state: randomUrlSafeString(16),
    codeVerifier: createCodeVerifier(),
    redirectUri: callbackUri(origin),
    returnTo,
  }
  storage.setItem(OIDC_PENDING_KEY, JSON.stringify(pending))
  const url = new URL(config.authorizationEndpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', config.clientId)
  url.searchParams.set('redirect_uri', pending.redirectUri)
  url.searchParams.set('scope', config.scope)
  url.searchParams.set('state', pending.state)
  url.searchParams.set('code_challenge', await codeChallengeS256(pending.codeVerifier))
  url.searchParams.set('code_challenge_method', 'S256')
  return url.toString()
}

/**
 * The pending sign-in that `state` (from the callback's query) belongs to, forgotten as it is given
 * out: a state is good for one callback only. Null when none is pending or the state is not its
 * own, which leaves the pending one in place: a forged callback link cannot cancel a real sign-in.
 */
export function takePendingSignIn(
  state: string | undefined,
  storage: Storage = sessionStorage,
): OidcPendingSignIn | null {
  const raw = storage.getItem(OIDC_PENDING_KEY)
  if (!raw || !state) {
    return null
  }
  let pending: Partial<OidcPendingSignIn>
  try {
    pending = JSON.parse(raw) as Partial<OidcPendingSignIn>
  } catch {
    storage.removeItem(OIDC_PENDING_KEY)
    return null
  }
  if (typeof pending.state !== 'string' || typeof pending.codeVerifier !== 'string') {
    storage.removeItem(OIDC_PENDING_KEY)
    return null
  }
  if (pending.state !== state) {
    return null
  }
  storage.removeItem(OIDC_PENDING_KEY)
  return pending as OidcPendingSignIn
}

/** Exchanges the authorization code for tokens at the provider (form-encoded, public client). */
export async function exchangeCode(
  config: OidcConfig,
  code: string,
  pending: OidcPendingSignIn,
  client: AxiosInstance = providerClient,
): Promise<OidcTokenResponse> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: config.clientId,
    code_verifier: pending.codeVerifier,
  })
  const response = await client.post<OidcTokenResponse>(config.tokenEndpoint, form, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  return response.data
}
