/** PKCE (RFC 7636) helpers for the authorization code flow of a public client. */

/** Characters allowed in a code verifier: `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`. */
export const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/

/** Base64url without padding (RFC 4648 §5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) {
    binary += String.fromCharCode(byte)
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A random string of `byteLength` random bytes, base64url encoded (32 bytes → 43 characters). */
export function randomUrlSafeString(byteLength = 32): string {
  const bytes = new Uint8Array(byteLength)
  crypto.getRandomValues(bytes)
  return base64UrlEncode(bytes)
}

/** A fresh code verifier: 43 characters from the unreserved set. */
export function createCodeVerifier(): string {
  return randomUrlSafeString(32)
}

/** The S256 code challenge: `BASE64URL(SHA256(ASCII(code_verifier)))`. */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64UrlEncode(new Uint8Array(digest))
}
