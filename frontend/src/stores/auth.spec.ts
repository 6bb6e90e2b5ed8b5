import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { InternalAxiosRequestConfig } from 'axios'
import { INIT_RETRY_DELAY_MS, useAuthStore } from './auth'
import { apiClient } from '@/api/client'
import { ProblemError } from '@/api/problem'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { adminUser, plainUser, session, setCsrfCookie } from '@/testing/authFixtures'

const originalAdapter = apiClient.defaults.adapter

/** A LockManager of one origin, as the Web Locks API has it: each name is held by one task at a time. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>()
  const requested: string[] = []
  const locks = {
    requested,
    request<T>(name: string, task: () => Promise<T>): Promise<T> {
      requested.push(name)
      const previous = tails.get(name) ?? Promise.resolve()
      const run = previous.then(task, task)
      tails.set(
        name,
        run.catch(() => undefined),
      )
      return run
    },
  }
  return locks
}

function useLocks(locks: unknown): void {
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
}

function serve(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

describe('useAuthStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCsrfCookie(null)
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
    setCsrfCookie(null)
    useLocks(undefined)
  })

  it('starts signed out', () => {
    const auth = useAuthStore()

    expect(auth.isAuthenticated).toBe(false)
    expect(auth.isAdmin).toBe(false)
    expect(auth.user).toBeNull()
    expect(auth.accessToken).toBeNull()
  })

  it('signs in and keeps the access token in memory only', async () => {
    let sent: InternalAxiosRequestConfig | undefined
    serve({
      'POST /auth/login': (config) => {
        sent = config
        return json(session(adminUser, 'secret-token'))
      },
    })
    const auth = useAuthStore()

    expect(await auth.login('admin', 'pw')).toBe(true)

    expect(JSON.parse(sent?.data as string)).toEqual({ username: 'admin', password: 'pw' })
    expect(sent?.withCredentials).toBe(true)
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.isAdmin).toBe(true)
    expect(auth.accessToken).toBe('secret-token')
    expect(auth.method).toBe('password')
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token')
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('secret-token')
  })

  it('keeps the problem when the credentials are wrong', async () => {
    serve({
      'POST /auth/login': problem({
        title: 'Unauthorized',
        status: 401,
        code: 'INVALID_CREDENTIALS',
        detail: 'Invalid username or password.',
      }),
    })
    const auth = useAuthStore()

    expect(await auth.login('admin', 'nope')).toBe(false)

    expect(auth.error?.code).toBe('INVALID_CREDENTIALS')
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.loading).toBe(false)
  })

  it('signs out on the server with the CSRF header and forgets the session', async () => {
    let logoutHeaders: Record<string, unknown> = {}
    serve({
      'POST /auth/login': json(session()),
      'POST /auth/logout': (config) => {
        logoutHeaders = { ...config.headers }
        return { status: 204 }
      },
    })
    const auth = useAuthStore()
    await auth.login('bob', 'pw')
    setCsrfCookie('csrf-123')

    await auth.logout()

    expect(logoutHeaders['X-CSRF-Token']).toBe('csrf-123')
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.accessToken).toBeNull()
  })

  it('forgets the session even when the server cannot be reached on sign-out', async () => {
    serve({ 'POST /auth/login': json(session()), 'POST /auth/logout': { networkError: true } })
    const auth = useAuthStore()
    await auth.login('bob', 'pw')

    await auth.logout()

    expect(auth.isAuthenticated).toBe(false)
  })

  it('shares one refresh request between concurrent callers', async () => {
    setCsrfCookie('csrf-1')
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    let csrfHeader: unknown
    const answer = fakeAdapter({ 'POST /auth/refresh': json(session(plainUser, 'fresh')) })
    // Holds the refresh until both callers asked, to prove they share it.
    apiClient.defaults.adapter = async (config) => {
      csrfHeader = config.headers['X-CSRF-Token']
      await gate
      return answer(config)
    }
    const auth = useAuthStore()

    const first = auth.refresh()
    const second = auth.refresh()
    release()
    expect(await Promise.all([first, second])).toEqual([true, true])
    expect(answer.requests).toEqual(['POST /auth/refresh'])

    // Once settled, the next refresh is a new request.
    expect(await auth.refresh()).toBe(true)
    expect(answer.requests).toEqual(['POST /auth/refresh', 'POST /auth/refresh'])
    expect(csrfHeader).toBe('csrf-1')
    expect(auth.accessToken).toBe('fresh')
  })

  it('resumes the session on start when the refresh cookie is still good', async () => {
    setCsrfCookie('csrf-1')
    serve({
      'GET /auth/config': json({ builtInLogin: true, oidc: null }),
      'POST /auth/refresh': json(session(adminUser, 'resumed')),
    })
    const auth = useAuthStore()

    await auth.init()

    expect(auth.initialized).toBe(true)
    expect(auth.isAdmin).toBe(true)
    expect(auth.accessToken).toBe('resumed')
    expect(auth.config).toEqual({ builtInLogin: true, oidc: null })
  })

  it('starts signed out when the silent refresh fails', async () => {
    setCsrfCookie('csrf-1')
    const adapter = serve({
      'GET /auth/config': json({ builtInLogin: true, oidc: null }),
      'POST /auth/refresh': problem({
        title: 'Unauthorized',
        status: 401,
        code: 'INVALID_REFRESH_TOKEN',
      }),
    })
    const auth = useAuthStore()

    await auth.init()
    await auth.init()

    expect(auth.initialized).toBe(true)
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.error).toBeNull()
    expect(adapter.requests.sort()).toEqual(['GET /auth/config', 'POST /auth/refresh'])
  })

  it('does not try to refresh without the CSRF cookie', async () => {
    const adapter = serve({ 'GET /auth/config': json({ builtInLogin: true, oidc: null }) })
    const auth = useAuthStore()

    await auth.init()

    expect(adapter.requests).toEqual(['GET /auth/config'])
    expect(auth.isAuthenticated).toBe(false)
  })

  it('never refreshes a session of an external provider', async () => {
    setCsrfCookie('csrf-1')
    const adapter = serve({ 'GET /auth/me': json(plainUser) })
    const auth = useAuthStore()
    expect(await auth.signInWithProviderToken('provider-token', 300)).toBe(true)
    expect(auth.method).toBe('oidc')

    expect(await auth.refresh()).toBe(false)

    expect(adapter.requests).toEqual(['GET /auth/me'])
    expect(auth.isAuthenticated).toBe(false)
  })

  describe('when the refresh gets no answer', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it.each([
      ['a network error', { networkError: true } as const, 0],
      ['a 503', problem({ title: 'Service Unavailable', status: 503 }), 503],
    ])('keeps the session after %s, and says why', async (_, reply, status) => {
      serve({ 'POST /auth/login': json(session(plainUser, 'old')), 'POST /auth/refresh': reply })
      const auth = useAuthStore()
      await auth.login('bob', 'pw')
      setCsrfCookie('csrf-1')

      const failure = await auth.refresh().catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(ProblemError)
      expect((failure as ProblemError).status).toBe(status)
      expect(auth.isAuthenticated).toBe(true)
      expect(auth.accessToken).toBe('old')
    })

    it('ends the session when the server refuses the refresh with 403', async () => {
      serve({
        'POST /auth/login': json(session()),
        'POST /auth/refresh': problem({ title: 'Forbidden', status: 403, code: 'CSRF' }),
      })
      const auth = useAuthStore()
      await auth.login('bob', 'pw')
      setCsrfCookie('csrf-1')

      expect(await auth.refresh()).toBe(false)
      expect(auth.isAuthenticated).toBe(false)
    })

    it('asks once more at start, and resumes the session when the server is back', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout'] })
      setCsrfCookie('csrf-1')
      let attempts = 0
      const adapter = serve({
        'GET /auth/config': json({ builtInLogin: true, oidc: null }),
        'POST /auth/refresh': () =>
          ++attempts === 1 ? { networkError: true } : json(session(plainUser, 'resumed')),
      })
      const auth = useAuthStore()

      const started = auth.init()
      await vi.advanceTimersByTimeAsync(INIT_RETRY_DELAY_MS)
      await started

      expect(adapter.requests.filter((r) => r === 'POST /auth/refresh')).toHaveLength(2)
      expect(auth.accessToken).toBe('resumed')
    })

    it('starts signed out for this load when the server stays away, keeping the cookie', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout'] })
      setCsrfCookie('csrf-1')
      serve({
        'GET /auth/config': json({ builtInLogin: true, oidc: null }),
        'POST /auth/refresh': { networkError: true },
      })
      const auth = useAuthStore()

      const started = auth.init()
      await vi.advanceTimersByTimeAsync(INIT_RETRY_DELAY_MS)
      await started

      expect(auth.initialized).toBe(true)
      expect(auth.isAuthenticated).toBe(false)
      expect(document.cookie).toContain('aas_csrf=csrf-1')
    })
  })

  describe('with several tabs', () => {
    /** Two tabs of one browser: one store each, sharing the cookies and the lock manager. */
    function twoTabs() {
      setActivePinia(createPinia())
      const first = useAuthStore()
      setActivePinia(createPinia())
      const second = useAuthStore()
      return [first, second] as const
    }

    it('refreshes in turn, each tab with the cookie the previous refresh set', async () => {
      const locks = fakeLocks()
      useLocks(locks)
      setCsrfCookie('csrf-1')
      const sent: unknown[] = []
      let issued = 0
      // The server rotates the cookies: a spent CSRF/refresh pair is refused (and ends the session).
      apiClient.defaults.adapter = async (config) => {
        const csrf = config.headers['X-CSRF-Token']
        sent.push(csrf)
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (csrf !== `csrf-${issued + 1}`) {
          return fakeAdapter({
            'POST /auth/refresh': problem({ title: 'Unauthorized', status: 401 }),
          })(config)
        }
        issued++
        setCsrfCookie(`csrf-${issued + 1}`)
        return fakeAdapter({ 'POST /auth/refresh': json(session(plainUser, `t${issued}`)) })(config)
      }
      const [first, second] = twoTabs()

      expect(await Promise.all([first.refresh(), second.refresh()])).toEqual([true, true])

      expect(sent).toEqual(['csrf-1', 'csrf-2'])
      expect(locks.requested).toEqual(['aas-refresh', 'aas-refresh'])
      expect([first.accessToken, second.accessToken]).toEqual(['t1', 't2'])
    })

    it('does not refresh when the tab before it found the session over', async () => {
      useLocks(fakeLocks())
      setCsrfCookie('csrf-1')
      const refused = fakeAdapter({
        'POST /auth/refresh': problem({ title: 'Unauthorized', status: 401 }),
      })
      apiClient.defaults.adapter = async (config) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        // The server ended the session and cleared the cookies.
        setCsrfCookie(null)
        return refused(config)
      }
      const [first, second] = twoTabs()

      expect(await Promise.all([first.refresh(), second.refresh()])).toEqual([false, false])

      expect(refused.requests).toEqual(['POST /auth/refresh'])
    })

    it('still refreshes where the browser has no Web Locks', async () => {
      useLocks(undefined)
      setCsrfCookie('csrf-1')
      serve({ 'POST /auth/refresh': json(session(plainUser, 'fresh')) })
      const auth = useAuthStore()

      expect(await auth.refresh()).toBe(true)
      expect(auth.accessToken).toBe('fresh')
    })
  })
})
