import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useConnectorsStore } from './connectors'
import { apiClient } from '@/api/client'
import { ProblemError } from '@/api/problem'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { startedPlugin } from '@/testing/aboutFixtures'
import {
  factories,
  failedResult,
  filesystemInstance,
  okResult,
  s3Instance,
} from '@/testing/connectorFixtures'
import type { ConnectorInstanceRequest } from '@/types/connectors'

const originalAdapter = apiClient.defaults.adapter

const listRoutes: FakeRoutes = {
  'GET /plugins': json([startedPlugin]),
  'GET /connector-factories': json(factories),
  'GET /admin/connectors': json([filesystemInstance, s3Instance]),
}

function useFake(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

async function loadedStore(routes: FakeRoutes = {}) {
  const adapter = useFake({ ...listRoutes, ...routes })
  const store = useConnectorsStore()
  await store.load()
  return { store, adapter }
}

const request: ConnectorInstanceRequest = {
  id: 'minio',
  kind: 'data-connector',
  factoryId: 's3',
  displayName: 'MinIO',
  config: { bucket: 'media', accessKey: 'minio', secretKey: '********' },
}

describe('useConnectorsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('loads plugins, factories and instances together', async () => {
    const { store, adapter } = await loadedStore()

    expect(adapter.requests).toEqual([
      'GET /plugins',
      'GET /connector-factories',
      'GET /admin/connectors',
    ])
    expect(store.plugins).toHaveLength(1)
    expect(store.factories).toHaveLength(3)
    expect(store.instances.map((i) => i.id)).toEqual(['filesystem', 'minio'])
    expect(store.activeDataConnector?.id).toBe('filesystem')
    expect(store.loaded).toBe(true)
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  it('keeps the problem when loading fails, and clears it on a successful retry', async () => {
    const forbidden = problem({ title: 'Forbidden', status: 403, detail: 'Administrators only' })
    useFake({ ...listRoutes, 'GET /admin/connectors': forbidden })
    const store = useConnectorsStore()

    await store.load()
    expect(store.error).toBeInstanceOf(ProblemError)
    expect(store.error?.status).toBe(403)
    expect(store.loaded).toBe(false)

    useFake(listRoutes)
    await store.load()
    expect(store.error).toBeNull()
    expect(store.loaded).toBe(true)
  })

  it('adds a created instance', async () => {
    const created = { ...s3Instance, id: 'new-one' }
    const { store, adapter } = await loadedStore({
      'POST /admin/connectors': (config) => {
        expect(JSON.parse(String(config.data))).toEqual({ ...request, id: 'new-one' })
        return json(created, 201)
      },
    })

    await expect(store.create({ ...request, id: 'new-one' })).resolves.toEqual(created)
    expect(store.instances.map((i) => i.id)).toContain('new-one')
    expect(adapter.requests).toContain('POST /admin/connectors')
  })

  it('rejects a create with the problem and its field pointers', async () => {
    const { store } = await loadedStore({
      'POST /admin/connectors': problem({
        title: 'Invalid connector',
        status: 422,
        errors: [
          { pointer: '/config/bucket', detail: 'is required' },
          { pointer: '/id', detail: 'already taken' },
        ],
      }),
    })

    const error = await store.create(request).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProblemError)
    expect((error as ProblemError).fieldError('/config/bucket')).toBe('is required')
    expect((error as ProblemError).fieldError('/id')).toBe('already taken')
    expect(store.instances).toHaveLength(2)
  })

  it('replaces an updated instance and forgets the test of its old settings', async () => {
    const updated = { ...s3Instance, displayName: 'MinIO (renamed)', version: 4 }
    const { store } = await loadedStore({
      'POST /admin/connectors/minio/test': json(okResult),
      'PUT /admin/connectors/minio': json(updated),
    })
    await store.test('minio')
    expect(store.testResults.minio).toEqual(okResult)

    await store.update('minio', request)

    expect(store.instances.find((i) => i.id === 'minio')?.displayName).toBe('MinIO (renamed)')
    expect(store.testResults.minio).toBeUndefined()
  })

  it('removes a deleted instance, and keeps it when the server refuses', async () => {
    const { store } = await loadedStore({
      'DELETE /admin/connectors/minio': { status: 204 },
      'DELETE /admin/connectors/filesystem': problem({
        title: 'Conflict',
        status: 409,
        detail: 'The active data connector cannot be deleted.',
      }),
    })

    await store.remove('minio')
    expect(store.instances.map((i) => i.id)).toEqual(['filesystem'])

    await expect(store.remove('filesystem')).rejects.toMatchObject({ status: 409 })
    expect(store.instances.map((i) => i.id)).toEqual(['filesystem'])
  })

  it('keeps the result of a connection test per instance, failed checks included', async () => {
    const { store } = await loadedStore({
      'POST /admin/connectors/minio/test': json(failedResult),
      'POST /admin/connectors/filesystem/test': json(okResult),
    })

    const pending = store.test('minio')
    expect(store.testing.minio).toBe(true)
    await pending
    await store.test('filesystem')

    expect(store.testing.minio).toBeUndefined()
    expect(store.testResults).toEqual({ minio: failedResult, filesystem: okResult })
  })

  it('turns a test request that failed into a failed result naming the problem', async () => {
    const { store } = await loadedStore({
      'POST /admin/connectors/minio/test': { networkError: true },
      'POST /admin/connectors/gone/test': problem({
        title: 'Not Found',
        status: 404,
        detail: "No connector 'gone'",
      }),
    })

    const unreachable = await store.test('minio')
    const missing = await store.test('gone')

    expect(unreachable).toMatchObject({ ok: false, retryable: true })
    expect(unreachable.detail).toBe('The server could not be reached.')
    expect(missing).toEqual({
      ok: false,
      retryable: false,
      detail: "No connector 'gone'",
      durationMs: 0,
    })
  })

  it('moves the active flag to the activated data connector', async () => {
    const { store } = await loadedStore({
      'POST /admin/connectors/minio/activate': json({ ...s3Instance, active: true }),
    })

    await store.activate('minio')

    expect(store.activeDataConnector?.id).toBe('minio')
    expect(store.instances.find((i) => i.id === 'filesystem')?.active).toBe(false)
  })

  it('rejects an activation whose connection test fails, keeping the active connector', async () => {
    const { store } = await loadedStore({
      'POST /admin/connectors/minio/activate': problem({
        title: 'Service Unavailable',
        status: 503,
        detail: 'Connection refused: minio:9000',
      }),
    })

    await expect(store.activate('minio')).rejects.toMatchObject({
      status: 503,
      detail: 'Connection refused: minio:9000',
    })
    expect(store.activeDataConnector?.id).toBe('filesystem')
  })
})
