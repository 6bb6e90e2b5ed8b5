import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import AppPanel from './AppPanel.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeReply, type FakeRoutes } from '@/testing/fakeAdapter'
import type { App, AppStatus } from '@/types/apps'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

const app: App = {
  id: 'a1',
  name: 'sentiment',
  backendId: 'docker',
  image: 'ghcr.io/acme/sentiment:1.2',
  minReplicas: 1,
  maxReplicas: 3,
  state: 'active',
  createdAt: '2026-11-28T10:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
}
const running: AppStatus = {
  phase: 'RUNNING',
  ready: true,
  wantedReplicas: 1,
  readyReplicas: 1,
  events: [],
  pods: [],
}

/** The status stream sends one status and stays open; the log stream sends nothing. */
function streams(): void {
  const encoder = new TextEncoder()
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        if (url.includes('/status/stream')) {
          c.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify(running)}\n\n`))
        }
        init?.signal?.addEventListener('abort', () =>
          c.error(new DOMException('aborted', 'AbortError')),
        )
      },
    })
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })
  })
}

async function mountPanel(routes: FakeRoutes) {
  streams()
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  wrapper = mount(AppPanel, {
    props: { appId: 'a1' },
    global: { plugins: [[Quasar, { plugins: { Notify } }]] },
    attachTo: document.body,
  })
  await flushPromises()
  return { panel: wrapper, adapter }
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

async function click(id: string): Promise<void> {
  inBody(id)!.click()
  await flushPromises()
}

const unavailable = problem({
  title: 'Service Unavailable',
  status: 503,
  detail: 'The cluster does not answer.',
})

describe('AppPanel', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('says why the app did not load and loads it again on Retry', async () => {
    let answer: FakeReply = unavailable
    await mountPanel({ 'GET /apps/a1': () => answer })

    const banner = inBody('app-load-error')!
    expect(banner.textContent).toContain('Service Unavailable')
    expect(banner.textContent).toContain('The cluster does not answer.')
    expect(inBody('app-owner-actions')).toBeNull()

    answer = json(app)
    await click('app-load-retry')

    expect(inBody('app-load-error')).toBeNull()
    expect(inBody('app-stop')).not.toBeNull()
    expect(inBody('app-delete')).not.toBeNull()
  })

  it('keeps Stop and Delete when reloading an app it already has fails', async () => {
    let answer: FakeReply = json(app)
    await mountPanel({ 'GET /apps/a1': () => answer })
    expect(inBody('app-stop')).not.toBeNull()

    answer = unavailable
    await click('app-reload')

    expect(inBody('app-load-error')!.textContent).toContain('Service Unavailable')
    expect(inBody('app-stop')).not.toBeNull()
    expect(inBody('app-delete')).not.toBeNull()
  })

  it('asks before scaling to zero, as Stop does, and scales only when confirmed', async () => {
    const scaled: number[] = []
    await mountPanel({
      'GET /apps/a1': json(app),
      'POST /apps/a1/scale': (config) => {
        scaled.push((JSON.parse(String(config.data)) as { replicas: number }).replicas)
        return json(running)
      },
    })
    vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    await click('app-scale')
    const input = inBody('app-scale-replicas') as HTMLInputElement
    input.value = '0'
    input.dispatchEvent(new Event('input'))
    await flushPromises()

    await click('app-scale-confirm')

    expect(scaled).toEqual([])
    expect(inBody('app-stop-dialog')!.textContent).toContain('scaled to zero instances')

    await click('confirm-ok')

    expect(scaled).toEqual([0])
  })

  it('scales to a number of instances without asking', async () => {
    const scaled: number[] = []
    await mountPanel({
      'GET /apps/a1': json(app),
      'POST /apps/a1/scale': (config) => {
        scaled.push((JSON.parse(String(config.data)) as { replicas: number }).replicas)
        return json(running)
      },
    })
    vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    await click('app-scale')
    const input = inBody('app-scale-replicas') as HTMLInputElement
    input.value = '2'
    input.dispatchEvent(new Event('input'))
    await flushPromises()

    await click('app-scale-confirm')

    expect(scaled).toEqual([2])
    expect(inBody('app-stop-dialog')).toBeNull()
  })
})
