import { afterEach, describe, expect, it } from 'vitest'
import { apiClient } from './client'
import { fetchCards, fetchCard, lookupUsers } from './cards'
import { deleteDraft, fetchDraft, saveDraft } from './drafts'
import { uploadMedia } from './media'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { resnetCard } from '@/testing/cardFixtures'

const originalAdapter = apiClient.defaults.adapter

function useFake(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

describe('cards API', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('answers a card with its ETag', async () => {
    useFake({
      'GET /models/alice/resnet-50-imagenet': {
        status: 200,
        body: resnetCard,
        headers: { etag: '"3"' },
      },
    })

    await expect(fetchCard('alice', 'resnet-50-imagenet')).resolves.toEqual({
      card: resnetCard,
      etag: '"3"',
    })
  })

  it('repeats list filters as plain parameters', async () => {
    useFake({
      'GET /models': (config) => {
        const url = apiClient.getUri(config)
        expect(url).toContain('tags=a&tags=b')
        expect(url).toContain('page=0&size=20')
        return json({ items: [], total: 0, page: 0, size: 20 })
      },
    })

    await fetchCards({ page: 0, size: 20, tags: ['a', 'b'] })
  })

  it('looks users up for the share list', async () => {
    useFake({
      'GET /users/lookup': (config) => {
        expect(config.params).toEqual({ query: 'bo', size: 10 })
        return json({ items: [{ id: 'u-bob', username: 'bob', displayName: 'Bob' }] })
      },
    })

    await expect(lookupUsers('bo')).resolves.toEqual([
      { id: 'u-bob', username: 'bob', displayName: 'Bob' },
    ])
  })
})

describe('drafts API', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('answers null when there is no draft, and saves content under its key', async () => {
    useFake({
      'GET /drafts/new': problem({ title: 'Not Found', status: 404 }),
      'PUT /drafts/new': (config) => {
        expect(JSON.parse(String(config.data))).toEqual({ content: { step: 'body' } })
        return json({ key: 'new', content: { step: 'body' }, updatedAt: '2026-11-28T10:00:00Z' })
      },
      'DELETE /drafts/new': problem({ title: 'Not Found', status: 404 }),
    })

    await expect(fetchDraft('new')).resolves.toBeNull()
    await expect(saveDraft('new', { step: 'body' })).resolves.toMatchObject({ key: 'new' })
    await expect(deleteDraft('new')).resolves.toBeUndefined()
  })

  it('passes other failures on', async () => {
    useFake({ 'GET /drafts/new': problem({ title: 'Server Error', status: 500 }) })

    await expect(fetchDraft('new')).rejects.toMatchObject({ status: 500 })
  })
})

describe('media API', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('uploads the raw file with its type and reports progress', async () => {
    const file = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
    const progress: number[] = []
    useFake({
      'POST /media': (config) => {
        expect(config.params).toEqual({ name: 'dot.png' })
        expect(config.headers.get('Content-Type')).toBe('image/png')
        expect(config.data).toBe(file)
        config.onUploadProgress?.({
          loaded: 2,
          total: 4,
          progress: 0.5,
          bytes: 2,
          lengthComputable: true,
        })
        config.onUploadProgress?.({
          loaded: 4,
          total: 4,
          progress: 1,
          bytes: 2,
          lengthComputable: true,
        })
        return json({ id: 'm-1', url: '/api/v1/media/m-1?exp=1&sig=s', kind: 'image' }, 201)
      },
    })

    const media = await uploadMedia(file, 'dot.png', { onProgress: (f) => progress.push(f) })

    expect(media.url).toBe('/api/v1/media/m-1?exp=1&sig=s')
    expect(progress).toEqual([0.5, 1])
  })

  it('rejects with the server message for a refused file', async () => {
    useFake({
      'POST /media': problem({
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'Only PNG, JPEG, GIF, WebP, MP4 and WebM files are accepted.',
      }),
    })

    await expect(
      uploadMedia(new Blob(['x'], { type: 'image/png' }), 'x.png'),
    ).rejects.toMatchObject({
      status: 415,
      detail: 'Only PNG, JPEG, GIF, WebP, MP4 and WebM files are accepted.',
    })
  })
})
