import { afterEach, describe, expect, it } from 'vitest'
import { apiClient } from './client'
import { fetchAudit, startExport, uploadBundle } from './adminJobs'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'

const originalAdapter = apiClient.defaults.adapter

function useFake(routes: FakeRoutes) {
  apiClient.defaults.adapter = fakeAdapter(routes)
}

describe('admin jobs API', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('sends only the audit filters that are set, and the cursor', async () => {
    let url = ''
    useFake({
      'GET /admin/audit': (config) => {
        url = apiClient.getUri(config)
        return json({ items: [], next: null })
      },
    })

    await fetchAudit({ actor: 'alice', action: '' }, 'abc', 20)

    expect(url).toContain('actor=alice')
    expect(url).toContain('cursor=abc')
    expect(url).toContain('limit=20')
    expect(url).not.toContain('action=')
  })

  it('uploads a bundle as application/zip with the conflict mode', async () => {
    let contentType: unknown
    let url = ''
    useFake({
      'POST /admin/imports': (config) => {
        contentType = config.headers?.['Content-Type']
        url = apiClient.getUri(config)
        return json({ id: 'j1', state: 'queued' }, 202)
      },
    })

    const job = await uploadBundle(new Blob(['PK']), 'new-slug')

    expect(job.id).toBe('j1')
    expect(contentType).toBe('application/zip')
    expect(url).toContain('conflict=new-slug')
  })

  it('turns a refused export into a problem with its pointers', async () => {
    useFake({
      'POST /admin/exports': problem({
        status: 422,
        code: 'INVALID_EXPORT',
        errors: [{ pointer: '', detail: 'choose exactly one of cardIds, filter or all: true' }],
      }),
    })

    await expect(startExport({ includeRevisions: true })).rejects.toMatchObject({
      status: 422,
      errors: [{ pointer: '' }],
    })
  })
})
