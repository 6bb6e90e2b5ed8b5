import { describe, expect, it } from 'vitest'
import { createApiClient, installAuth, type AuthHandlers } from './client'
import { ProblemError } from './problem'
import { fakeAdapter, json, problem, type FakeReply } from '@/testing/fakeAdapter'

const unauthorized = problem({ title: 'Unauthorized', status: 401, code: 'UNAUTHENTICATED' })

/** A session as the auth store would provide it, recording what the client asked of it. */
function fakeSession(token: string | null, refreshedToken: string | null) {
  const calls = { refresh: 0, expired: 0 }
  const session = { token }
  const handlers: AuthHandlers = {
    accessToken: () => session.token,
    refresh: async () => {
      calls.refresh++
      session.token = refreshedToken
      return refreshedToken !== null
    },
    sessionExpired: () => {
      calls.expired++
    },
  }
  return { handlers, calls }
}

/** Answers 200 only to the given bearer token, 401 otherwise. */
function onlyFor(token: string, body: unknown) {
  return (config: { headers: { get: (name: string) => unknown } }): FakeReply =>
    config.headers.get('Authorization') === `Bearer ${token}` ? json(body) : unauthorized
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}

describe('API client with a session', () => {
  it('sends the access token as a bearer token', async () => {
    const adapter = fakeAdapter({ 'GET /auth/me': onlyFor('t1', { username: 'bob' }) })
    const client = createApiClient({ adapter })
    installAuth(client, fakeSession('t1', null).handlers)

    const response = await client.get('/auth/me')

    expect(response.data).toEqual({ username: 'bob' })
  })

  it('sends no Authorization header while signed out', async () => {
    let authorization: unknown = 'unset'
    const client = createApiClient({
      adapter: fakeAdapter({
        'GET /about': (config) => {
          authorization = config.headers.get('Authorization')
          return json({})
        },
      }),
    })
    installAuth(client, fakeSession(null, null).handlers)

    await client.get('/about')

    expect(authorization).toBeUndefined()
  })

  it('answers a 401 with one silent refresh and retries the request with the new token', async () => {
    const adapter = fakeAdapter({ 'GET /plugins': onlyFor('fresh', ['data-filesystem']) })
    const client = createApiClient({ adapter })
    const { handlers, calls } = fakeSession('expired', 'fresh')
    installAuth(client, handlers)

    const response = await client.get('/plugins')

    expect(response.data).toEqual(['data-filesystem'])
    expect(adapter.requests).toEqual(['GET /plugins', 'GET /plugins'])
    expect(calls).toEqual({ refresh: 1, expired: 0 })
  })

  it('ends the session when the refresh fails, and rejects with the original problem', async () => {
    const adapter = fakeAdapter({ 'GET /plugins': unauthorized })
    const client = createApiClient({ adapter })
    const { handlers, calls } = fakeSession('expired', null)
    installAuth(client, handlers)

    const error = await rejectionOf(client.get('/plugins'))

    expect(error).toBeInstanceOf(ProblemError)
    expect((error as ProblemError).status).toBe(401)
    expect(adapter.requests).toEqual(['GET /plugins'])
    expect(calls).toEqual({ refresh: 1, expired: 1 })
  })

  it('keeps the session when the refresh gets no answer, and rejects with its problem', async () => {
    const adapter = fakeAdapter({ 'GET /plugins': unauthorized })
    const client = createApiClient({ adapter })
    const offline = new ProblemError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      errors: [],
    })
    const { handlers, calls } = fakeSession('expired', null)
    installAuth(client, { ...handlers, refresh: () => Promise.reject(offline) })

    const error = await rejectionOf(client.get('/plugins'))

    expect(error).toBe(offline)
    expect(calls.expired).toBe(0)
  })

  it('retries only once when the retried request is refused again', async () => {
    const adapter = fakeAdapter({ 'GET /plugins': unauthorized })
    const client = createApiClient({ adapter })
    const { handlers, calls } = fakeSession('expired', 'also-refused')
    installAuth(client, handlers)

    const error = (await rejectionOf(client.get('/plugins'))) as ProblemError

    expect(error.status).toBe(401)
    expect(adapter.requests).toEqual(['GET /plugins', 'GET /plugins'])
    expect(calls.refresh).toBe(1)
  })

  it.each(['/auth/login', '/auth/refresh', '/auth/logout'])(
    'never refreshes for a 401 of %s',
    async (url) => {
      const adapter = fakeAdapter({ [`POST ${url}`]: unauthorized })
      const client = createApiClient({ adapter })
      const { handlers, calls } = fakeSession('t', 'fresh')
      installAuth(client, handlers)

      const error = (await rejectionOf(client.post(url))) as ProblemError

      expect(error.status).toBe(401)
      expect(calls).toEqual({ refresh: 0, expired: 0 })
    },
  )

  it('leaves other failures alone', async () => {
    const client = createApiClient({
      adapter: fakeAdapter({ 'GET /plugins': problem({ title: 'Forbidden', status: 403 }) }),
    })
    const { handlers, calls } = fakeSession('t', 'fresh')
    installAuth(client, handlers)

    const error = (await rejectionOf(client.get('/plugins'))) as ProblemError

    expect(error.status).toBe(403)
    expect(calls.refresh).toBe(0)
  })

  it('can be removed again', async () => {
    const adapter = fakeAdapter({ 'GET /plugins': unauthorized })
    const client = createApiClient({ adapter })
    const { handlers, calls } = fakeSession('t', 'fresh')
    const uninstall = installAuth(client, handlers)
    uninstall()

    await rejectionOf(client.get('/plugins'))

    expect(calls.refresh).toBe(0)
  })
})
