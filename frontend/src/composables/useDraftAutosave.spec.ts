import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { AUTOSAVE_DELAY_MS, useDraftAutosave } from './useDraftAutosave'
import { apiClient } from '@/api/client'
import type { InternalAxiosRequestConfig } from 'axios'
import { fakeAdapter, json, problem, type FakeReply, type FakeRoutes } from '@/testing/fakeAdapter'

const originalAdapter = apiClient.defaults.adapter

function useFake(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  return adapter
}

const saved: unknown[] = []
function saveDraftReply(config: InternalAxiosRequestConfig): FakeReply {
  const body = JSON.parse(String(config.data)) as { content: unknown }
  saved.push(body.content)
  return json({ key: 'new', content: body.content, updatedAt: '2026-11-28T10:00:00Z' })
}
const savingRoute: FakeRoutes = { 'PUT /drafts/new': saveDraftReply }

/** Lets the fake request and the promise chain after it settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve()
  }
}

describe('useDraftAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    saved.length = 0
  })

  afterEach(() => {
    vi.useRealTimers()
    apiClient.defaults.adapter = originalAdapter
  })

  it('saves once, a second after the last of several changes', async () => {
    const adapter = useFake(savingRoute)
    const form = reactive({ title: '' })
    const autosave = useDraftAutosave('new', () => ({ form }))
    autosave.start()

    for (const title of ['R', 'Re', 'Res', 'ResNet']) {
      form.title = title
      await nextTick()
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 100)
    }
    expect(adapter.requests).toEqual([])
    expect(autosave.status.value).toBe('pending')

    vi.advanceTimersByTime(100)
    await settle()

    expect(adapter.requests).toEqual(['PUT /drafts/new'])
    expect(saved).toEqual([{ form: { title: 'ResNet' } }])
    expect(autosave.status.value).toBe('saved')
    expect(autosave.savedAt.value).toBe('2026-11-28T10:00:00Z')
  })

  it('saves nothing before start, and nothing after stop', async () => {
    const adapter = useFake(savingRoute)
    const form = reactive({ title: '' })
    const autosave = useDraftAutosave('new', () => ({ form }))

    form.title = 'before start'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2)
    autosave.start()
    form.title = 'typed'
    await nextTick()
    await autosave.stop()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2)
    await settle()

    expect(adapter.requests).toEqual([])
    expect(autosave.status.value).toBe('idle')
  })

  it('saves right away on flush', async () => {
    useFake(savingRoute)
    const form = reactive({ step: 'basics' })
    const autosave = useDraftAutosave('new', () => ({ ...form }))
    autosave.start()

    form.step = 'body'
    await nextTick()
    await autosave.flush()

    expect(saved).toEqual([{ step: 'body' }])
  })

  it('says why a save failed and tries again on the next change', async () => {
    let fail = true
    useFake({
      'PUT /drafts/new': (config) =>
        fail
          ? problem({
              title: 'Payload Too Large',
              status: 413,
              detail: 'Drafts are at most 1 MiB.',
            })
          : saveDraftReply(config),
    })
    const form = reactive({ body: 'x' })
    const autosave = useDraftAutosave('new', () => ({ form }))
    autosave.start()

    form.body = 'xx'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    await settle()
    expect(autosave.status.value).toBe('error')
    expect(autosave.error.value?.detail).toBe('Drafts are at most 1 MiB.')

    fail = false
    form.body = 'xxx'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    await settle()
    expect(autosave.status.value).toBe('saved')
    expect(saved).toEqual([{ form: { body: 'xxx' } }])
  })

  it('tries a failed save again on flush, without a new change', async () => {
    let fail = true
    useFake({
      'PUT /drafts/new': (config) =>
        fail ? problem({ title: 'Bad Gateway', status: 502 }) : saveDraftReply(config),
    })
    const form = reactive({ title: 'a' })
    const autosave = useDraftAutosave('new', () => ({ form }))
    autosave.start()
    form.title = 'ab'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    await settle()
    expect(autosave.status.value).toBe('error')

    fail = false
    await autosave.flush()

    expect(autosave.status.value).toBe('saved')
    expect(saved).toEqual([{ form: { title: 'ab' } }])
  })
})
