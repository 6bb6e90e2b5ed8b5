import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSearchStore } from './search'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { dashboard, resnetHit, searchResult } from '@/testing/searchFixtures'

const originalAdapter = apiClient.defaults.adapter

function useFake(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

describe('useSearchStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('searches with repeated list parameters and keeps the result', async () => {
    let url = ''
    useFake({
      'GET /search/models': (config) => {
        url = apiClient.getUri(config)
        return json(searchResult([resnetHit]))
      },
    })
    const store = useSearchStore()

    const pending = store.search({ q: 'resnet', tags: ['a', 'b'], page: 0, size: 20 })
    expect(store.loading).toBe(true)
    await pending

    expect(url).toBe('/api/v1/search/models?q=resnet&tags=a&tags=b&page=0&size=20')
    expect(store.result?.items.map((item) => item.slug)).toEqual(['resnet-50-imagenet'])
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  it('keeps a refused query as the error with its field pointers, and the previous result', async () => {
    let fail = false
    useFake({
      'GET /search/models': () =>
        fail
          ? problem({
              title: 'Invalid query',
              status: 400,
              code: 'INVALID_QUERY',
              errors: [{ pointer: '/updatedBefore', detail: 'must be later than updatedAfter' }],
            })
          : json(searchResult([resnetHit])),
    })
    const store = useSearchStore()
    await store.search({})
    fail = true

    await expect(store.search({ updatedAfter: '2026-12-01' })).resolves.toBeNull()

    expect(store.error?.status).toBe(400)
    expect(store.error?.fieldError('/updatedBefore')).toBe('must be later than updatedAfter')
    expect(store.result?.total).toBe(1)
    expect(store.loading).toBe(false)
  })

  it('keeps only the answer to the latest search', async () => {
    const answers: ((value: unknown) => void)[] = []
    apiClient.defaults.adapter = (config) =>
      new Promise((resolve) => {
        answers.push(() =>
          resolve({
            data: searchResult([], { total: answers.length }),
            status: 200,
            statusText: '',
            headers: {},
            config,
          }),
        )
      })
    const store = useSearchStore()
    const older = store.search({ q: 'a' })
    const newer = store.search({ q: 'ab' })
    answers[1]!(undefined)
    await newer
    answers[0]!(undefined)
    await older

    expect(store.result?.total).toBe(2)
  })

  it('loads the dashboard, or keeps why it failed', async () => {
    useFake({ 'GET /search/dashboard': json(dashboard) })
    const store = useSearchStore()

    await store.loadDashboard()
    expect(store.dashboard?.mine.total).toBe(7)
    expect(store.dashboardLoading).toBe(false)

    useFake({ 'GET /search/dashboard': { networkError: true } })
    await store.loadDashboard()
    expect(store.dashboardError?.isNetworkError).toBe(true)
    expect(store.dashboard?.mine.total).toBe(7)
  })
})
