import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { InternalAxiosRequestConfig } from 'axios'
import { useCardsStore } from './cards'
import { apiClient } from '@/api/client'
import { ProblemError } from '@/api/problem'
import { fakeAdapter, problem, type FakeReply, type FakeRoutes } from '@/testing/fakeAdapter'
import { resnetCard, revision } from '@/testing/cardFixtures'
import type { Card } from '@/types/cards'

const originalAdapter = apiClient.defaults.adapter
const CARD = '/models/alice/resnet-50-imagenet'

function withEtag(card: Card, status = 200): FakeReply {
  return { status, body: card, headers: { etag: `"${card.version}"` } }
}

const stale = problem({
  title: 'Precondition Failed',
  status: 412,
  code: 'STALE_CARD',
  detail: 'The card changed since you read it.',
})

function useFake(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

function header(config: InternalAxiosRequestConfig, name: string): unknown {
  return config.headers.get(name)
}

async function loadedStore(routes: FakeRoutes = {}) {
  const adapter = useFake({ [`GET ${CARD}`]: withEtag(resnetCard), ...routes })
  const store = useCardsStore()
  await store.load('alice', 'resnet-50-imagenet')
  return { store, adapter }
}

describe('useCardsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('keeps the card with the ETag of the answer', async () => {
    const { store } = await loadedStore()

    expect(store.card?.title).toBe('ResNet-50 on ImageNet')
    expect(store.etag).toBe('"3"')
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  it('keeps a 404 as the error and forgets the card', async () => {
    useFake({ [`GET ${CARD}`]: problem({ title: 'Not Found', status: 404, code: 'NO_CARD' }) })
    const store = useCardsStore()

    await expect(store.load('alice', 'resnet-50-imagenet')).resolves.toBeNull()

    expect(store.card).toBeNull()
    expect(store.error?.status).toBe(404)
  })

  it('sends a merge patch with If-Match and takes the new ETag', async () => {
    const updated = { ...resnetCard, title: 'ResNet-50 v2', version: 4 }
    const { store, adapter } = await loadedStore({
      [`PATCH ${CARD}`]: (config) => {
        expect(header(config, 'If-Match')).toBe('"3"')
        expect(header(config, 'Content-Type')).toBe('application/merge-patch+json')
        expect(JSON.parse(String(config.data))).toEqual({ title: 'ResNet-50 v2', dataset: null })
        return withEtag(updated)
      },
    })

    await store.update({ title: 'ResNet-50 v2', dataset: null })

    expect(adapter.requests).toContain(`PATCH ${CARD}`)
    expect(store.card?.title).toBe('ResNet-50 v2')
    expect(store.etag).toBe('"4"')
  })

  it('marks the card stale on 412 and keeps what it had', async () => {
    const { store } = await loadedStore({ [`PATCH ${CARD}`]: stale })

    const error = await store.update({ title: 'Mine' }).catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ProblemError)
    expect((error as ProblemError).code).toBe('STALE_CARD')
    expect(store.stale).toBe(true)
    expect(store.card?.title).toBe('ResNet-50 on ImageNet')
    expect(store.etag).toBe('"3"')
  })

  it('clears the stale mark when the card is loaded again', async () => {
    let version = 3
    const { store } = await loadedStore({
      [`GET ${CARD}`]: () => withEtag({ ...resnetCard, version }),
      [`PATCH ${CARD}`]: stale,
    })
    await store.update({ title: 'Mine' }).catch(() => undefined)
    version = 5

    await store.load('alice', 'resnet-50-imagenet')

    expect(store.stale).toBe(false)
    expect(store.etag).toBe('"5"')
  })

  it('deletes with If-Match and forgets the card', async () => {
    const { store } = await loadedStore({
      [`DELETE ${CARD}`]: (config) => {
        expect(header(config, 'If-Match')).toBe('"3"')
        return { status: 204 }
      },
    })

    await store.remove()

    expect(store.card).toBeNull()
    expect(store.etag).toBeNull()
  })

  it('restores a revision with If-Match and takes the answer', async () => {
    const restored = { ...resnetCard, title: 'Original', version: 6 }
    const { store } = await loadedStore({
      [`POST ${CARD}/revisions/1/restore`]: (config) => {
        expect(header(config, 'If-Match')).toBe('"3"')
        return withEtag(restored)
      },
    })

    await store.restore(1)

    expect(store.card?.title).toBe('Original')
    expect(store.etag).toBe('"6"')
  })

  it('refuses a stale restore like any write', async () => {
    const { store } = await loadedStore({ [`POST ${CARD}/revisions/1/restore`]: stale })

    await expect(store.restore(1)).rejects.toMatchObject({ status: 412 })
    expect(store.stale).toBe(true)
  })

  it('creates a card and keeps its ETag for the next write', async () => {
    const { store } = await loadedStore({
      'POST /models': (config) => {
        expect(header(config, 'If-Match')).toBeUndefined()
        return withEtag({ ...resnetCard, version: 1 }, 201)
      },
    })

    await store.create({ ...resnetCard })

    expect(store.etag).toBe('"1"')
  })

  it('lists the revisions, newest first as the server sends them', async () => {
    const { store } = await loadedStore({
      [`GET ${CARD}/revisions`]: {
        status: 200,
        body: { items: [revision(2, ['title']), revision(1, ['title', 'task'])] },
      },
    })

    await store.loadRevisions()

    expect(store.revisions.map((r) => r.number)).toEqual([2, 1])
    expect(store.revisionsError).toBeNull()
  })

  it("never shows a card's history on another card when its answer comes last", async () => {
    const other: Card = { ...resnetCard, slug: 'bert-base', title: 'BERT base' }
    const OTHER = '/models/alice/bert-base'
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const answer = fakeAdapter({
      [`GET ${CARD}`]: withEtag(resnetCard),
      [`GET ${OTHER}`]: withEtag(other),
      [`GET ${CARD}/revisions`]: { status: 200, body: { items: [revision(3, ['title'])] } },
      [`GET ${OTHER}/revisions`]: { status: 200, body: { items: [revision(1, ['title'])] } },
    })
    apiClient.defaults.adapter = async (config) => {
      if (config.url === `${CARD}/revisions`) await held
      return answer(config)
    }
    const store = useCardsStore()
    await store.load('alice', 'resnet-50-imagenet')
    const first = store.loadRevisions()

    await store.load('alice', 'bert-base')
    await store.loadRevisions()
    release()
    await first

    expect(store.card?.slug).toBe('bert-base')
    expect(store.revisions.map((r) => r.number)).toEqual([1])
    expect(store.revisionsLoading).toBe(false)
  })

  it('drops the history still on its way when another card is opened', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const answer = fakeAdapter({
      [`GET ${CARD}`]: withEtag(resnetCard),
      [`GET /models/alice/bert-base`]: withEtag({ ...resnetCard, slug: 'bert-base' }),
      [`GET ${CARD}/revisions`]: { status: 200, body: { items: [revision(3, ['title'])] } },
    })
    apiClient.defaults.adapter = async (config) => {
      if (config.url === `${CARD}/revisions`) await held
      return answer(config)
    }
    const store = useCardsStore()
    await store.load('alice', 'resnet-50-imagenet')
    const first = store.loadRevisions()

    await store.load('alice', 'bert-base')
    release()
    await first

    expect(store.revisions).toEqual([])
    expect(store.revisionsLoading).toBe(false)
  })

  it('loads the task list once', async () => {
    const adapter = useFake({ 'GET /tasks': { status: 200, body: ['Computer Vision', 'NLP'] } })
    const store = useCardsStore()

    await store.loadTasks()
    await store.loadTasks()

    expect(store.tasks).toEqual(['Computer Vision', 'NLP'])
    expect(adapter.requests).toEqual(['GET /tasks'])
  })
})
