import type { AxiosInstance } from 'axios'
import type {
  ApiToken,
  AuthConfig,
  CreatedApiToken,
  LoginResponse,
  NewApiToken,
  User,
} from '@/types/auth'
import { apiClient } from './client'

/**
 * The CSRF cookie's names: `__Host-aas_csrf` where the server marks its cookies Secure (over HTTPS),
 * which no other host can set, else `aas_csrf` (local http). The prefixed one wins: a plain one beside
 * it may have been set by a page on another host of the same domain.
 */
export const CSRF_COOKIES = ['__Host-aas_csrf', 'aas_csrf'] as const
export const CSRF_HEADER = 'X-CSRF-Token'

/** The value of a cookie readable by scripts, or undefined. */
export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) {
      return decodeURIComponent(value.join('='))
    }
  }
  return undefined
}

/** The value of the CSRF cookie (see `CSRF_COOKIES`), or undefined. */
export function readCsrfCookie(cookies: string = document.cookie): string | undefined {
  for (const name of CSRF_COOKIES) {
    const value = readCookie(name, cookies)
    if (value !== undefined) {
      return value
    }
  }
  return undefined
}

/**
 * Whether the browser may hold a session: the readable CSRF cookie is set together with the HttpOnly
 * refresh cookie. Without it a refresh cannot pass the CSRF check, so it is not even tried.
 */
export function hasSessionCookie(): boolean {
  return readCsrfCookie() !== undefined
}

/** Refresh and logout use the HttpOnly refresh cookie, so they carry the double-submit CSRF header. */
function sessionCookieRequest() {
  const csrf = readCsrfCookie()
  return { withCredentials: true, headers: csrf ? { [CSRF_HEADER]: csrf } : {} }
}

export async function fetchAuthConfig(client: AxiosInstance = apiClient): Promise<AuthConfig> {
  return (await client.get<AuthConfig>('/auth/config')).data
}

export async function login(
  username: string,
  password: string,
  client: AxiosInstance = apiClient,
): Promise<LoginResponse> {
  const response = await client.post<LoginResponse>(
    '/auth/login',
    { username, password },
    { withCredentials: true },
  )
  return response.data
}

export async function refreshSession(client: AxiosInstance = apiClient): Promise<LoginResponse> {
  return (await client.post<LoginResponse>('/auth/refresh', undefined, sessionCookieRequest())).data
}

export async function logout(client: AxiosInstance = apiClient): Promise<void> {
  await client.post('/auth/logout', undefined, sessionCookieRequest())
}

export async function fetchMe(client: AxiosInstance = apiClient): Promise<User> {
  return (await client.get<User>('/auth/me')).data
}

export async function changePassword(
  currentPassword: string,
  newPassword: string,
  client: AxiosInstance = apiClient,
): Promise<LoginResponse> {
  const response = await client.post<LoginResponse>(
    '/auth/password',
    { currentPassword, newPassword },
    { withCredentials: true },
  )
  return response.data
}

export async function fetchApiTokens(client: AxiosInstance = apiClient): Promise<ApiToken[]> {
  return (await client.get<ApiToken[]>('/auth/tokens')).data
}

export async function createApiToken(
  token: NewApiToken,
  client: AxiosInstance = apiClient,
): Promise<CreatedApiToken> {
  return (await client.post<CreatedApiToken>('/auth/tokens', token)).data
}

export async function revokeApiToken(id: string, client: AxiosInstance = apiClient): Promise<void> {
  await client.delete(`/auth/tokens/${encodeURIComponent(id)}`)
}
