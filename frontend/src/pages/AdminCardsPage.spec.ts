import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { InternalAxiosRequestConfig } from 'axios'
import AdminCardsPage from './AdminCardsPage.vue'
import AdminCardsOwnerDialog from '@/components/admin/AdminCardsOwnerDialog.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeReply } from '@/testing/fakeAdapter'
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

  describe('Change owner', () => {
    const bob = { value: 'u-bob', label: 'Bob (bob)', username: 'bob', displayName: 'Bob' }

    /** The page at `url`, over a server that hands card a over, finds b stale and refuses c's app. */
    async function mountAt(url: string, answers: Record<string, FakeReply> = {}) {
      const posted: unknown[] = []
      const listed: unknown[] = []
      const fake = fakeAdapter({
        'GET /models': (config) => {
          listed.push(config.params)
          return json({ items: cards, total: cards.length, page: 0, size: 25 })
        },
        'POST /admin/cards/owner': (config) => {
          const body = JSON.parse(String(config.data))
          posted.push(body)
          const id = body.cards[0].id as string
          const answer = answers[id]
          if (answer) return answer
          return json({ results: [{ id, status: 200, owner: 'bob', slug: 'x', version: 4 }] })
        },
      })
      apiClient.defaults.adapter = fake
      const router = createRouter({
        history: createMemoryHistory(),
        routes: [
          { path: '/admin/cards', component: AdminCardsPage },
          { path: '/:rest(.*)*', component: { template: '<div />' } },
        ],
      })
      await router.push(url)
      wrapper = mount(AdminCardsPage, {
        global: {
          plugins: [[Quasar, { plugins: { Notify } }], router],
          stubs: { QPage: { template: '<main><slot /></main>' } },
        },
        attachTo: document.body,
      })
      await flushPromises()
      return { page: wrapper, posted, listed, router }
    }

    it("lists one owner's cards when the address names the owner, and all again without", async () => {
      const { listed, router } = await mountAt('/admin/cards?owner=alice')

      expect(listed).toEqual([{ owner: 'alice', page: 0, size: 25 }])
      await router.replace('/admin/cards')
      await flushPromises()
      expect(listed[1]).toEqual({ page: 0, size: 25 })
    })

    it('hands each card over with its version and sums up per card', async () => {
      const { page, posted } = await mountAt('/admin/cards', {
        'id-b': json({
          results: [{ id: 'id-b', status: 412, code: 'STALE_CARD', detail: 'The card changed.' }],
        }),
      })
      const notify = vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
      await selectAll(page)
      await page.get('[data-testid="admin-cards-owner"]').trigger('click')
      await flushPromises()
      expect(inBody('admin-cards-owner-dialog')!.textContent).toContain(
        'Change the owner of 3 cards?',
      )

      page.findComponent(AdminCardsOwnerDialog).vm.$emit('confirm', bob)
      await flushPromises()

      expect(posted).toEqual(
        ['id-a', 'id-b', 'id-c'].map((id) => ({ owner: 'u-bob', cards: [{ id, version: 3 }] })),
      )
      expect(notify).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'warning',
          message: 'Gave bob 2 cards; 1 failed — Card b: changed meanwhile, reload and retry',
        }),
      )
    })

    it('stops at once when the new owner is refused', async () => {
      const refused = problem({
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        code: 'INVALID_OWNER_CHANGE',
        errors: [
          { pointer: '/owner', detail: 'is disabled: hand the cards to a user who can sign in' },
        ],
      })
      const { page, posted } = await mountAt('/admin/cards', { 'id-a': refused })
      const notify = vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
      await selectAll(page)
      await page.get('[data-testid="admin-cards-owner"]').trigger('click')
      await flushPromises()

      page.findComponent(AdminCardsOwnerDialog).vm.$emit('confirm', bob)
      await flushPromises()

      expect(posted).toHaveLength(1)
      expect(notify).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'negative',
          message: 'bob is disabled: hand the cards to a user who can sign in.',
        }),
      )
    })
  })
})
