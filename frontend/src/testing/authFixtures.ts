import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import type { LoginResponse, User } from '@/types/auth'

export const adminUser: User = {
  id: 'u-admin',
  username: 'admin',
  displayName: 'Ada Admin',
  email: 'ada@example.org',
  roles: ['user', 'admin'],
  disabled: false,
  external: false,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
}

export const plainUser: User = {
  ...adminUser,
  id: 'u-bob',
  username: 'bob',
  displayName: 'Bob Builder',
  email: null,
  roles: ['user'],
}

export function session(user: User = plainUser, accessToken = 'token-1'): LoginResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, user }
}

/** Sets or removes the readable CSRF cookie the server sets with the refresh cookie. */
export function setCsrfCookie(value: string | null): void {
  document.cookie =
    value === null
      ? 'aas_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
      : `aas_csrf=${value}; path=/`
}

/** A fresh active Pinia, with `user` signed in (the default: the administrator) or nobody (null). */
export function piniaSignedIn(user: User | null = adminUser): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (user) {
    useAuthStore().$patch({ accessToken: 'token', user })
  }
  return pinia
}
