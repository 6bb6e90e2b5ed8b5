import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { InternalAxiosRequestConfig } from 'axios'
import { useAboutStore } from './about'
import { useAdminUsersStore } from './adminUsers'
import { useApiTokensStore } from './apiTokens'
import { useAuthStore } from './auth'
import { useCardsStore } from './cards'
import { useConnectorsStore } from './connectors'
import { useExperimentsStore } from './experiments'
import { useSearchStore } from './search'
import { resetUserData } from './userData'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import { adminUser, plainUser, session, setCsrfCookie } from '@/testing/authFixtures'
import { resnetCard } from '@/testing/cardFixtures'
import { dashboard } from '@/testing/searchFixtures'
import type { ApiToken } from '@/types/auth'

const originalAdapter = apiClient.defaults.adapter

const token: ApiToken = {
  id: 't1',
  name: 'CI of Ada',
  scope: 'read',
  createdAt: '2026-11-28T10:00:00Z',
  expiresAt: '2027-11-28T10:00:00Z',
  lastUsedAt: null,
}

/** Signs in as whoever `who()` names; the token list answers at once or when `release` is called. */
function serveSessions(who: () => typeof adminUser) {
  let release: (() => void) | null = null
  let holdTokens = false
  const fake = fakeAdapter({
    'POST /auth/login': () => json(session(who())),
    'POST /auth/logout': { status: 204 },
    'GET /auth/tokens': json([token]),
    'GET /search/dashboard': json(dashboard),
    [`GET /models/alice/${resnetCard.slug}`]: json(resnetCard),
  })
  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    if (config.url === '/auth/tokens' && holdTokens) {
      await new Promise<void>((resolve) => (release = resolve))
    }
    return fake(config)
  }
  return {
    holdTokens: () => (holdTokens = true),
    release: () => release?.(),
  }
}

describe('the previous user’s data', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCsrfCookie('csrf')
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
    setCsrfCookie(null)
  })

  it('is gone after sign-out: the token list is empty', async () => {
    serveSessions(() => adminUser)
    const auth = useAuthStore()
    const tokens = useApiTokensStore()
    await auth.login('admin', 'pw')
    await tokens.load()
    expect(tokens.tokens).toEqual([token])

    await auth.logout()

    expect(tokens.tokens).toEqual([])
    expect(tokens.loaded).toBe(false)
  })

  it('is gone when the session expires, cards and dashboard included', async () => {
    serveSessions(() => adminUser)
    const auth = useAuthStore()
    const search = useSearchStore()
    const cards = useCardsStore()
    await auth.login('admin', 'pw')
    await search.loadDashboard()
    await cards.load('alice', resnetCard.slug)

    auth.clearSession()

    expect(search.dashboard).toBeNull()
    expect(cards.card).toBeNull()
  })

  it('is gone when another user signs in', async () => {
    let user = adminUser
    serveSessions(() => user)
    const auth = useAuthStore()
    const search = useSearchStore()
    await auth.login('admin', 'pw')
    await search.loadDashboard()

    user = plainUser
    await auth.login('bob', 'pw')

    expect(search.dashboard).toBeNull()
  })

  it('stays when the same user gets a new session', async () => {
    serveSessions(() => adminUser)
    const auth = useAuthStore()
    const search = useSearchStore()
    await auth.login('admin', 'pw')
    await search.loadDashboard()

    await auth.login('admin', 'pw')

    expect(search.dashboard).toEqual(dashboard)
  })

  it('does not come back with an answer that arrives after sign-out', async () => {
    const server = serveSessions(() => adminUser)
    const auth = useAuthStore()
    const tokens = useApiTokensStore()
    await auth.login('admin', 'pw')
    server.holdTokens()
    const loading = tokens.load()
    await Promise.resolve()

    await auth.logout()
    server.release()
    await loading

    expect(tokens.tokens).toEqual([])
    expect(tokens.loading).toBe(false)
  })

  it('can be reset in every store the app has', () => {
    useAuthStore()
    useAboutStore()
    useAdminUsersStore()
    useApiTokensStore()
    useCardsStore()
    useConnectorsStore()
    useExperimentsStore()
    useSearchStore()

    // A setup store without a $reset of its own throws here (Pinia's default is for option stores).
    expect(() => resetUserData()).not.toThrow()
  })
})
