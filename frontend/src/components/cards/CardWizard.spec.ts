import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { Notify, Quasar, Screen } from 'quasar'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'
import CardWizard from './CardWizard.vue'
import { emptyForm, formFromCard, type WizardDraft } from './cardForm'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import type { InternalAxiosRequestConfig } from 'axios'
import { resnetCard, revision } from '@/testing/cardFixtures'
import { useCardsStore } from '@/stores/cards'
import type { Card } from '@/types/cards'

vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))

const originalAdapter = apiClient.defaults.adapter
const Page = { template: '<div />' }
let wrapper: VueWrapper | undefined

beforeAll(() => {
  const rects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList
  Range.prototype.getClientRects ??= rects
  Range.prototype.getBoundingClientRect ??= () => new DOMRect()
  Element.prototype.getClientRects ??= rects
})

/** The wizard as the page shows it, in the router's view (its leave guard needs that). */
async function mountWizard(routes: FakeRoutes, card: Card | null = null) {
  const adapter = fakeAdapter({
    'GET /drafts/new': problem({ title: 'Not Found', status: 404 }),
    ...routes,
  })
  apiClient.defaults.adapter = adapter
  const pinia = createPinia()
  setActivePinia(pinia)
  if (card) {
    // The page loads the card into the store (with its ETag) before it shows the wizard.
    await useCardsStore().load(card.owner.username, card.slug)
  }
  const WizardPage = {
    components: { CardWizard },
    setup: () => ({ card, tasks: ['Computer Vision', 'NLP'] }),
    template: '<CardWizard :card="card" :tasks="tasks" :tasks-loading="false" />',
  }
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/models', component: Page },
      { path: '/models/new', component: WizardPage },
      { path: '/models/:owner/:slug/edit', component: WizardPage },
      { path: '/models/:owner/:slug', name: 'model', component: Page },
    ],
  })
  await router.push(card ? `/models/${card.owner.username}/${card.slug}/edit` : '/models/new')
  wrapper = mount(
    { components: { RouterView }, template: '<RouterView />' },
    {
      global: { plugins: [[Quasar, { plugins: { Notify } }], pinia, router] },
      attachTo: document.body,
    },
  )
  await flushPromises()
  return { page: wrapper, adapter, router }
}

/** The wizard of a new card resumed from a draft on its review step; `sent()` is what it POSTed. */
async function mountAtReview() {
  const draft: WizardDraft = {
    schema: 1,
    step: 'review',
    form: emptyForm({ title: 'ResNet-50 on ImageNet', task: 'Computer Vision' }),
    baseVersion: null,
  }
  let sent: unknown
  const mounted = await mountWizard({
    'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
    'POST /models': (config) => {
      sent = JSON.parse(String(config.data))
      return { status: 201, body: resnetCard, headers: { etag: '"1"' } }
    },
    'DELETE /drafts/new': { status: 204 },
  })
  await click('draft-resume')
  return { ...mounted, sent: () => sent }
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

async function click(id: string): Promise<void> {
  byTestId(id)!.click()
  await flushPromises()
}

function fieldOf(id: string): string {
  return byTestId(id)!.closest('.q-field')!.textContent ?? ''
}

describe('CardWizard', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.restoreAllMocks()
  })

  it('does not leave the basics while the title is missing, and says so at the field', async () => {
    await mountWizard({})

    await click('wizard-next')

    expect(byTestId('wizard-panel-basics')).not.toBeNull()
    expect(fieldOf('wizard-title')).toContain('A title is required')
  })

  it('counts the title against its limit and keeps a longer one on the basics', async () => {
    await mountWizard({})
    const title = byTestId('wizard-title') as HTMLInputElement
    title.value = 'x'.repeat(125)
    title.dispatchEvent(new Event('input'))
    await flushPromises()

    // The field takes a little more than the limit (a pasted title is not cut), the counter does not.
    expect(byTestId('wizard-title-counter')!.textContent).toBe('125 / 120')
    await click('wizard-next')
    expect(byTestId('wizard-panel-basics')).not.toBeNull()
    expect(fieldOf('wizard-title')).toContain('At most 120 characters (now 125)')
  })

  it("moves the focus to the new step's heading, as the pressed button goes away", async () => {
    const draft: WizardDraft = {
      schema: 1,
      step: 'demo',
      form: emptyForm({ title: 'Mine', task: 'NLP' }),
      baseVersion: null,
    }
    await mountWizard({
      'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
    })
    await click('draft-resume')

    byTestId('wizard-next')!.focus()
    await click('wizard-next')
    expect(byTestId('wizard-next')).toBeNull()
    expect(document.activeElement?.getAttribute('data-step-heading')).toBe('review')
    expect(document.activeElement?.textContent?.trim()).toBe('Review')

    byTestId('wizard-back')!.focus()
    await click('wizard-back')
    expect(document.activeElement?.getAttribute('data-step-heading')).toBe('demo')
  })

  it('numbers the steps instead of naming them all on a phone', async () => {
    Screen.setSizes({ sm: 10_000, md: 20_000, lg: 30_000, xl: 40_000 })
    try {
      const draft: WizardDraft = {
        schema: 1,
        step: 'links',
        form: emptyForm({ title: 'Mine', task: 'NLP' }),
        baseVersion: null,
      }
      await mountWizard({
        'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
      })
      expect(byTestId('wizard-step-caption')!.textContent!.trim()).toBe('Step 1 of 6: Basics')

      await click('draft-resume')
      expect(byTestId('wizard-step-caption')!.textContent!.trim()).toBe('Step 4 of 6: Links')
    } finally {
      Screen.setSizes({ sm: 600, md: 1024, lg: 1440, xl: 1920 })
    }
  })

  it('leads a server field error back to its step and field', async () => {
    const draft: WizardDraft = {
      schema: 1,
      step: 'review',
      form: emptyForm({ title: 'Mine', task: 'NLP', tags: ['ok', 'fine'] }),
      baseVersion: null,
    }
    await mountWizard({
      'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
      'PUT /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:01Z' }),
      'POST /models': problem({
        title: 'Invalid card',
        status: 422,
        errors: [
          { pointer: '/body', detail: 'A chart was refused' },
          { pointer: '/tags/1', detail: 'is reserved' },
        ],
      }),
    })
    expect(byTestId('draft-dialog')!.textContent).toContain('of “Mine”')
    await click('draft-resume')
    expect(byTestId('wizard-panel-review')).not.toBeNull()

    await click('wizard-publish')

    // The basics come before the description: the first step with an error is shown.
    expect(byTestId('wizard-panel-basics')).not.toBeNull()
    expect(fieldOf('wizard-tags')).toContain('is reserved')
  })

  it('creates the card, deletes the draft and opens the card', async () => {
    const { adapter, router, sent } = await mountAtReview()
    const notify = vi.spyOn(Notify, 'create').mockImplementation(() => () => {})

    await click('wizard-publish')

    expect(sent()).toMatchObject({ title: 'ResNet-50 on ImageNet', task: 'Computer Vision' })
    expect(adapter.requests).toContain('DELETE /drafts/new')
    expect(router.currentRoute.value.fullPath).toBe('/models/alice/resnet-50-imagenet')
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ type: 'positive' }))
  })

  it('publishes the visibility picked on the review step', async () => {
    const { sent } = await mountAtReview()
    vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    const choices = byTestId('wizard-visibility')!.querySelectorAll<HTMLElement>('[role="radio"]')
    expect(Array.from(choices).map((choice) => choice.getAttribute('aria-checked'))).toEqual([
      'true',
      'false',
    ])

    choices[1]!.click()
    await flushPromises()
    await click('wizard-publish')

    expect(sent()).toMatchObject({ visibility: 'private' })
  })

  it('discards a draft when asked', async () => {
    const draft: WizardDraft = {
      schema: 1,
      step: 'links',
      form: emptyForm({ title: 'Old' }),
      baseVersion: null,
    }
    const { adapter } = await mountWizard({
      'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
      'DELETE /drafts/new': { status: 204 },
    })

    await click('draft-discard')

    expect(adapter.requests).toContain('DELETE /drafts/new')
    expect(byTestId('draft-dialog')).toBeNull()
    expect((byTestId('wizard-title') as HTMLInputElement).value).toBe('')
    expect(byTestId('wizard-panel-basics')).not.toBeNull()
  })

  it('stays on its step while an image is uploaded, and says why', async () => {
    const draft: WizardDraft = {
      schema: 1,
      step: 'body',
      form: emptyForm({ title: 'Mine', task: 'NLP' }),
      baseVersion: null,
    }
    const { adapter } = await mountWizard({
      'GET /drafts/new': json({ key: 'new', content: draft, updatedAt: '2026-11-28T10:00:00Z' }),
      'POST /media': json({ id: 'm-1', url: '/api/v1/media/m-1?exp=1&sig=s' }, 201),
    })
    let finish: () => void = () => {}
    apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
      if (config.url === '/media') {
        await new Promise<void>((resolve) => (finish = resolve))
      }
      return adapter(config)
    }
    await click('draft-resume')
    expect(byTestId('wizard-panel-body')).not.toBeNull()
    const input = byTestId('editor-image-file') as HTMLInputElement
    Object.defineProperty(input, 'files', {
      value: [new File(['png'], 'teal.png', { type: 'image/png' })],
      configurable: true,
    })
    input.dispatchEvent(new Event('change'))
    await flushPromises()

    expect(byTestId('wizard-upload-wait')!.textContent).toContain(
      'Waiting for the upload to finish',
    )
    expect(byTestId('wizard-next')!.hasAttribute('disabled')).toBe(true)
    expect(byTestId('wizard-back')!.hasAttribute('disabled')).toBe(true)
    await click('wizard-next')
    expect(byTestId('wizard-panel-body')).not.toBeNull()

    finish()
    await flushPromises()

    expect(byTestId('wizard-upload-wait')).toBeNull()
    expect(byTestId('editor-content')!.querySelector('img[alt="teal"]')).not.toBeNull()
    await click('wizard-next')
    expect(byTestId('wizard-panel-performance')).not.toBeNull()
  })

  it('edits a card whose task an admin no longer lists, and offers that task', async () => {
    const retired: Card = { ...resnetCard, task: 'Speech' }
    await mountWizard(
      {
        'GET /models/alice/resnet-50-imagenet': json(retired),
        [`GET /drafts/${retired.id}`]: problem({ title: 'Not Found', status: 404 }),
      },
      retired,
    )
    byTestId('wizard-task')!.click()
    await flushPromises()
    const options = Array.from(document.body.querySelectorAll('[role="option"]'))
    expect(options.map((option) => option.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Computer Vision',
      'NLP',
      'Speech No longer listed for new cards; this card may keep it',
    ])
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))

    await click('wizard-next')

    expect(byTestId('wizard-panel-body')).not.toBeNull()
  })

  describe('resuming an edit draft made on an older version', () => {
    const CARD_PATH = '/models/alice/resnet-50-imagenet'
    const signed = (exp: number) =>
      `<h2>Overview</h2><p><img src="/api/v1/media/m-1?exp=${exp}&amp;sig=s${exp}" alt="net"></p>`
    // Alice's draft was made on version 3; Bob has since changed the tags (version 4).
    const version3: Card = { ...resnetCard, version: 3, body: signed(1) }
    const version4: Card = {
      ...resnetCard,
      version: 4,
      tags: ['resnet', 'imagenet', 'bob'],
      body: signed(2),
    }

    async function resumeAndPublish(revisionReply: FakeRoutes[string]) {
      const draft: WizardDraft = {
        schema: 1,
        step: 'review',
        form: { ...formFromCard(version3), title: 'ResNet-50, retrained' },
        baseVersion: 3,
      }
      let sent: unknown
      const mounted = await mountWizard(
        {
          [`GET ${CARD_PATH}`]: { status: 200, body: version4, headers: { etag: '"4"' } },
          [`GET /drafts/${resnetCard.id}`]: json({
            key: resnetCard.id,
            content: draft,
            updatedAt: '2026-11-28T10:00:00Z',
          }),
          [`GET ${CARD_PATH}/revisions/3`]: revisionReply,
          [`PATCH ${CARD_PATH}`]: (config) => {
            sent = JSON.parse(String(config.data))
            return { status: 200, body: { ...version4, version: 5 }, headers: { etag: '"5"' } }
          },
          [`DELETE /drafts/${resnetCard.id}`]: { status: 204 },
        },
        version4,
      )
      vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
      expect(byTestId('draft-outdated')).not.toBeNull()
      await click('draft-resume')
      return { ...mounted, sent: () => sent }
    }

    it('sends only what the draft changed, keeping what others changed since', async () => {
      const { sent } = await resumeAndPublish(
        json({ revision: revision(3, ['title']), card: version3 }),
      )
      expect(byTestId('draft-dialog')).toBeNull()
      expect(byTestId('wizard-panel-review')).not.toBeNull()

      await click('wizard-publish')

      // Bob's tags stay; the body differs from version 3 only in its media signatures.
      expect(sent()).toEqual({ title: 'ResNet-50, retrained' })
    })

    it('keeps the draft offered when the version it was made on cannot be loaded', async () => {
      const { adapter } = await resumeAndPublish(
        problem({ title: 'Service Unavailable', status: 503 }),
      )

      expect(byTestId('draft-dialog')).not.toBeNull()
      expect(byTestId('draft-error')!.textContent).toContain('could not be loaded')
      expect(adapter.requests).not.toContain(`PATCH ${CARD_PATH}`)
    })
  })

  it('saves nothing over a draft it could not look up, until a look-up succeeds', async () => {
    let lookUps = 0
    await mountWizard({
      'GET /drafts/new': () =>
        ++lookUps === 1
          ? { status: 503, body: { title: 'Service Unavailable', status: 503 } }
          : { status: 404, body: { title: 'Not Found', status: 404 } },
    })
    const title = byTestId('wizard-title') as HTMLInputElement
    const type = async (text: string) => {
      title.value = text
      title.dispatchEvent(new Event('input'))
      await flushPromises()
    }

    await type('Typed while the look-up failed')

    // Saving now could replace a draft the user has not seen.
    expect(byTestId('wizard-autosave')!.dataset.status).toBe('unchecked')
    expect(byTestId('wizard-autosave')!.textContent).toContain('could not be checked')

    await click('wizard-draft-retry')
    await type('Typed after the look-up')

    expect(byTestId('wizard-draft-retry')).toBeNull()
    expect(byTestId('wizard-autosave')!.dataset.status).toBe('pending')
  })

  describe('leaving with changes the draft does not hold', () => {
    /** The wizard of a new card with a title typed. */
    async function mountRouted(saveDraft: FakeRoutes[string]) {
      const mounted = await mountWizard({ 'PUT /drafts/new': saveDraft })
      const title = byTestId('wizard-title') as HTMLInputElement
      title.value = 'Unsaved'
      title.dispatchEvent(new Event('input'))
      await flushPromises()
      return mounted
    }

    function unloadPrevented(): boolean {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }

    it('has the browser ask before the page is left while a save is due', async () => {
      await mountRouted(json({ key: 'new', content: {}, updatedAt: '2026-11-28T10:00:00Z' }))
      expect(byTestId('wizard-autosave')!.dataset.status).toBe('pending')

      expect(unloadPrevented()).toBe(true)
    })

    it('saves a due draft before going to another page of the app', async () => {
      const { adapter, router } = await mountRouted(
        json({ key: 'new', content: {}, updatedAt: '2026-11-28T10:00:00Z' }),
      )

      await click('wizard-cancel')

      expect(adapter.requests).toContain('PUT /drafts/new')
      expect(byTestId('wizard-leave-dialog')).toBeNull()
      expect(router.currentRoute.value.fullPath).toBe('/models')
    })

    it('asks before leaving when the draft cannot be saved, and stays if told to', async () => {
      const { router } = await mountRouted(
        problem({ title: 'Payload Too Large', status: 413, detail: 'At most 1 MiB.' }),
      )

      await click('wizard-cancel')
      expect(byTestId('wizard-leave-dialog')!.textContent).toContain('At most 1 MiB.')
      expect(unloadPrevented()).toBe(true)
      await click('wizard-stay')
      expect(router.currentRoute.value.fullPath).toBe('/models/new')

      await click('wizard-cancel')
      await click('wizard-leave')
      expect(router.currentRoute.value.fullPath).toBe('/models')
    })
  })
})
