import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { installAuthSession } from './auth'
import { useAuthStore } from '@/stores/auth'
import { plainUser } from '@/testing/authFixtures'

vi.mock('quasar', () => ({ Notify: { create: () => undefined } }))

const DAY_MS = 24 * 60 * 60 * 1000

describe('installAuthSession', () => {
  let scope: ReturnType<typeof effectScope>

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    setActivePinia(createPinia())
    scope = effectScope()
  })

  afterEach(() => {
    scope.stop()
    vi.useRealTimers()
  })

  async function signedInWithProvider(expiresInMs: number) {
    const auth = useAuthStore()
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/sign-in', name: 'sign-in', component: { template: '<div />' } },
        { path: '/:any(.*)*', name: 'any', component: { template: '<div />' } },
      ],
    })
    scope.run(() => installAuthSession(auth, router))
    auth.$patch({
      accessToken: 'provider-token',
      user: plainUser,
      method: 'oidc',
      expiresAt: Date.now() + expiresInMs,
    })
    await nextTick()
    return auth
  }

  it('signs out when a provider sign-in expires', async () => {
    const auth = await signedInWithProvider(60_000)

    await vi.advanceTimersByTimeAsync(59_000)
    expect(auth.isAuthenticated).toBe(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(auth.isAuthenticated).toBe(false)
  })

  it('keeps a sign-in that expires after more than 24.8 days until it expires', async () => {
    const auth = await signedInWithProvider(30 * DAY_MS)

    await vi.advanceTimersByTimeAsync(1_000)
    expect(auth.isAuthenticated).toBe(true)
    await vi.advanceTimersByTimeAsync(30 * DAY_MS - 2_000)
    expect(auth.isAuthenticated).toBe(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(auth.isAuthenticated).toBe(false)
  })
})
