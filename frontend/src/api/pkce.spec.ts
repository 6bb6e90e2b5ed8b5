import { describe, expect, it } from 'vitest'
import {
  base64UrlEncode,
  CODE_VERIFIER_PATTERN,
  codeChallengeS256,
  createCodeVerifier,
} from './pkce'
import { buildAuthorizationUrl, OIDC_PENDING_KEY, takePendingSignIn } from './oidc'
import type { OidcConfig } from '@/types/auth'

describe('PKCE', () => {
  it('creates verifiers of 43 characters from the unreserved set', () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier)

    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(43)
      expect(verifier).toMatch(CODE_VERIFIER_PATTERN)
    }
    expect(new Set(verifiers).size).toBe(50)
  })

  it('computes the S256 challenge of the RFC 7636 example', async () => {
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('encodes base64url without padding', () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-')
    expect(base64UrlEncode(new Uint8Array([1]))).toBe('AQ')
  })
})

describe('OpenID Connect sign-in', () => {
  const config: OidcConfig = {
    issuer: 'https://id.example.org',
    clientId: 'ai-app-store',
    authorizationEndpoint: 'https://id.example.org/authorize?tenant=x',
    tokenEndpoint: 'https://id.example.org/token',
    scope: 'openid profile email',
  }

  it('sends the browser to the provider with state and an S256 challenge, remembering both', async () => {
    sessionStorage.clear()

    const url = new URL(
      await buildAuthorizationUrl(config, '/admin/users', sessionStorage, 'https://store.example'),
    )

    const pending = JSON.parse(sessionStorage.getItem(OIDC_PENDING_KEY) ?? '{}')
    expect(url.origin + url.pathname).toBe('https://id.example.org/authorize')
    expect(url.searchParams.get('tenant')).toBe('x')
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('client_id')).toBe('ai-app-store')
    expect(url.searchParams.get('redirect_uri')).toBe('https://store.example/auth/callback')
    expect(url.searchParams.get('scope')).toBe('openid profile email')
    expect(url.searchParams.get('state')).toBe(pending.state)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toBe(
      await codeChallengeS256(pending.codeVerifier),
    )
    expect(pending.returnTo).toBe('/admin/users')
  })

  it('gives the pending sign-in out once', async () => {
    sessionStorage.clear()
    const url = new URL(
      await buildAuthorizationUrl(config, '/', sessionStorage, 'https://store.example'),
    )
    const state = url.searchParams.get('state') ?? undefined

    expect(takePendingSignIn(state, sessionStorage)?.codeVerifier).toMatch(CODE_VERIFIER_PATTERN)
    expect(takePendingSignIn(state, sessionStorage)).toBeNull()
  })

  it('keeps the pending sign-in for a callback with another state or none', async () => {
    sessionStorage.clear()
    const url = new URL(
      await buildAuthorizationUrl(config, '/', sessionStorage, 'https://store.example'),
    )

    expect(takePendingSignIn('forged', sessionStorage)).toBeNull()
    expect(takePendingSignIn(undefined, sessionStorage)).toBeNull()
    expect(takePendingSignIn(url.searchParams.get('state') ?? '', sessionStorage)).not.toBeNull()
  })
})
