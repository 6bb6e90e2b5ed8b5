import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { InternalAxiosRequestConfig } from 'axios'
import AdminCardsPage from './AdminCardsPage.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem } from '@/testing/fakeAdapter'
import type { CardSummary } from '@/types/cards'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

function summary(slug: string, visibility: 'public' | 'private'): CardSummary {
  return {
    id: `id-${slug}`,
    slug,
    owner: { id: 'u-alice', username: 'alice', displayName: 'Alice' },
    title: `Card ${slug}`,
    task: 'NLP',
    tags: [],
    frameworks: [],
    description: '',
    visibility,
    demo: { type: 'none' },
    updatedAt: '2026-11-28T10:00:00Z',
    version: 3,
  }
}

const cards = [summary('a', 'private'), summary('b', 'public'), summary('c', 'private')]

/**
 * The page over a server whose PATCHes wait until `release()` is called, one at a time, so that
 * the progress can be read between them; card c refuses with 412.
 */
async function mountPage() {
  const patched: string[] = []
  const waiting: (() => void)[] = []
  const fake = fakeAdapter({
    'GET /models': json({ items: cards, total: cards.length, page: 0, size: 25 }),
    'PATCH /models/alice/a': json(cards[0]),
    'PATCH /models/alice/b': json(cards[1]),
    'PATCH /models/alice/c': problem({ title: 'Precondition Failed', status: 412 }),
  })
  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    if (config.method === 'patch') {
      await new Promise<void>((resolve) => waiting.push(resolve))
      patched.push(`${config.url} ${JSON.stringify(JSON.parse(String(config.data)))}`)
    }
    return fake(config)
  }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/cards', component: AdminCardsPage },
      { path: '/:rest(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push('/admin/cards')
  wrapper = mount(AdminCardsPage, {
    global: {
      plugins: [[Quasar, { plugins: { Notify } }], router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  const release = async () => {
    waiting.shift()?.()
    await flushPromises()
  }
  return { page: wrapper, patched, release, requests: fake.requests }
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

async function selectAll(page: VueWrapper): Promise<void> {
  for (const box of page.findAll('tbody .q-checkbox')) {
    await box.trigger('click')
  }
  await flushPromises()
}

describe('AdminCardsPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.restoreAllMocks()
  })

  it('loads the page of cards once', async () => {
    const { requests } = await mountPage()

    expect(requests).toEqual(['GET /models'])
  })

  it('asks before making cards public, saying how many are private now', async () => {
    const { page, patched } = await mountPage()
    await selectAll(page)

    await page.get('[data-testid="admin-cards-public"]').trigger('click')
    await flushPromises()

    const dialog = inBody('admin-cards-visibility-dialog')!
    expect(dialog.textContent).toContain('Make 3 cards public?')
    expect(inBody('admin-cards-visibility-summary')!.textContent).toContain(
      '2 of 3 selected cards are private now',
    )
    inBody('confirm-cancel')!.click()
    await flushPromises()
    expect(patched).toEqual([])
  })

  it('shows "n of N" while patching and sums up what worked and what failed', async () => {
    const { page, patched, release } = await mountPage()
    const notify = vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    await selectAll(page)
    await page.get('[data-testid="admin-cards-private"]').trigger('click')
    await flushPromises()
    expect(inBody('admin-cards-visibility-summary')!.textContent).toContain(
      '1 of 3 selected cards is public now',
    )

    inBody('confirm-ok')!.click()
    await flushPromises()
    expect(inBody('admin-cards-progress')!.textContent).toContain('0 of 3')
    await release()
    expect(inBody('admin-cards-progress')!.textContent).toContain('1 of 3')
    await release()
    expect(inBody('admin-cards-progress')!.textContent).toContain('2 of 3')
    await release()

    expect(inBody('admin-cards-progress')).toBeNull()
    expect(patched).toEqual([
      '/models/alice/a {"visibility":"private"}',
      '/models/alice/b {"visibility":"private"}',
      '/models/alice/c {"visibility":"private"}',
    ])
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'warning',
        message: 'Made private 2 cards; 1 failed — Card c: changed meanwhile, reload and retry',
      }),
    )
  })
})
