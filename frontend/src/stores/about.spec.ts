import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAboutStore } from './about'
import { useAuthStore } from './auth'
import { apiClient } from '@/api/client'
import { ProblemError } from '@/api/problem'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { aboutInfo, failedPlugin, startedPlugin } from '@/testing/aboutFixtures'
import { adminUser, plainUser } from '@/testing/authFixtures'
import type { User } from '@/types/auth'

const originalAdapter = apiClient.defaults.adapter

function signInAs(user: User): void {
  const auth = useAuthStore()
  auth.user = user
  auth.accessToken = 'token'
}

function serve(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

describe('useAboutStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    signInAs(adminUser)
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('starts empty and not loading', () => {
    const store = useAboutStore()

    expect(store.about).toBeNull()
    expect(store.plugins).toEqual([])
    expect(store.loading).toBe(false)
    expect(store.loaded).toBe(false)
    expect(store.error).toBeNull()
  })

  it('loads the server information only for visitors who are no administrators', async () => {
    const adapter = serve({ 'GET /about': json(aboutInfo) })
    signInAs(plainUser)
    const store = useAboutStore()

    await store.load()

    expect(adapter.requests).toEqual(['GET /about'])
    expect(store.about).toEqual(aboutInfo)
    expect(store.pluginsLoaded).toBe(false)
    expect(store.plugins).toEqual([])
    expect(store.loaded).toBe(true)
  })

  it('loads the server information and, for administrators, the plugins', async () => {
    const adapter = serve({
      'GET /about': json(aboutInfo),
      'GET /plugins': json([startedPlugin, failedPlugin]),
    })
    const store = useAboutStore()

    const loading = store.load()
    expect(store.loading).toBe(true)
    await loading

    expect(adapter.requests.sort()).toEqual(['GET /about', 'GET /plugins'])
    expect(store.about).toEqual(aboutInfo)
    expect(store.plugins.map((plugin) => plugin.id)).toEqual([
      'data-filesystem',
      'experiment-mlflow',
    ])
    expect(store.hasPlugins).toBe(true)
    expect(store.pluginsLoaded).toBe(true)
    expect(store.loaded).toBe(true)
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  it('keeps the problem when the server fails', async () => {
    serve({
      'GET /about': json(aboutInfo),
      'GET /plugins': problem({ title: 'Plugin registry unavailable', status: 503 }),
    })
    const store = useAboutStore()

    await store.load()

    expect(store.error).toBeInstanceOf(ProblemError)
    expect(store.error?.title).toBe('Plugin registry unavailable')
    expect(store.error?.status).toBe(503)
    expect(store.loaded).toBe(false)
    expect(store.loading).toBe(false)
  })

  it('clears the error when a retry succeeds', async () => {
    let pluginsUp = false
    serve({
      'GET /about': json(aboutInfo),
      'GET /plugins': () => (pluginsUp ? json([]) : { networkError: true }),
    })
    const store = useAboutStore()
    await store.load()
    expect(store.error?.status).toBe(0)

    pluginsUp = true
    await store.load()

    expect(store.error).toBeNull()
    expect(store.loaded).toBe(true)
    expect(store.hasPlugins).toBe(false)
  })
})
