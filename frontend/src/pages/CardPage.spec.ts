import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import CardPage from './CardPage.vue'
import { apiClient } from '@/api/client'
import { adminUser, piniaSignedIn } from '@/testing/authFixtures'
import { resnetCard, revision } from '@/testing/cardFixtures'
import { experiment } from '@/testing/experimentFixtures'
import { fakeAdapter, problem, type FakeReply, type FakeRoutes } from '@/testing/fakeAdapter'
import type { Card } from '@/types/cards'

vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))
vi.mock('@/composables/plyrLoader', () => import('@/testing/fakePlyr'))

const originalAdapter = apiClient.defaults.adapter
const CARD = '/models/alice/resnet-50-imagenet'
const Page = { template: '<div />' }
let wrapper: VueWrapper | undefined

function withEtag(card: Card): FakeReply {
  return { status: 200, body: card, headers: { etag: `"${card.version}"` } }
}

async function mountPage(routes: FakeRoutes = {}, path = CARD, signedIn = true) {
  const adapter = fakeAdapter({ [`GET ${CARD}`]: withEtag(resnetCard), ...routes })
  apiClient.defaults.adapter = adapter
  const pinia = piniaSignedIn(signedIn ? adminUser : null)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/models', name: 'models', component: Page },
      { path: '/sign-in', name: 'sign-in', component: Page },
      { path: '/models/:owner/:slug', name: 'model', component: CardPage, props: true },
      { path: '/models/:owner/:slug/edit', name: 'model-edit', component: Page },
    ],
  })
  await router.push(path)
  wrapper = mount(CardPage, {
    props: { owner: 'alice', slug: 'resnet-50-imagenet' },
    global: {
      plugins: [[Quasar, { plugins: { Notify } }], pinia, router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { page: wrapper, adapter, router }
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const allByTestId = (id: string) => document.body.querySelectorAll(`[data-testid="${id}"]`)

async function openMenuItem(page: VueWrapper, id: string): Promise<void> {
  await page.get('[data-testid="card-menu"]').trigger('click')
  await flushPromises()
  byTestId(id)!.click()
  await flushPromises()
}

describe('CardPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.restoreAllMocks()
  })

  it('shows the header with labels that link to the filtered model list', async () => {
    const { page } = await mountPage()

    expect(page.get('[data-testid="card-title"]').text()).toBe('ResNet-50 on ImageNet')
    expect(page.get('[data-testid="card-owner"]').text()).toBe('Alice Archer')
    expect(page.get('[data-testid="card-task"] a').attributes('href')).toBe(
      '/models?task=Computer+Vision',
    )
    expect(page.findAll('[data-testid="card-tag"] a').map((a) => a.attributes('href'))).toEqual([
      '/models?tags=resnet',
      '/models?tags=imagenet',
    ])
    expect(page.get('[data-testid="card-framework"] a').attributes('href')).toBe(
      '/models?frameworks=PyTorch',
    )
    expect(page.get('[data-testid="card-body"] h2').text()).toBe('Overview')
    // The short description leads the overview, as text.
    expect(page.get('[data-testid="card-description-lead"]').text()).toBe('Classifies images.')
  })

  it('keeps the tab in the query string and opens it from a link', async () => {
    const { page, router } = await mountPage({
      [`GET ${CARD}/revisions`]: {
        status: 200,
        body: { items: [revision(3, ['title']), revision(2, ['tags']), revision(1, ['title'])] },
      },
    })

    await page.get('[data-testid="card-tab-history"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query.tab).toBe('history')
    expect(page.findAll('[data-testid="revision-row"]')).toHaveLength(3)
    expect(
      page.get('[data-number="3"] [data-testid="revision-restore"]').attributes(),
    ).toHaveProperty('disabled')

    wrapper?.unmount()
    const second = await mountPage({}, `${CARD}?tab=artifacts`)
    expect(second.page.get('[data-testid="card-artifacts"]').text()).toContain('s3://bucket/key')
    // Only http and https locations are links.
    expect(second.page.find('[data-testid="card-artifact-link"]').exists()).toBe(false)
  })

  it('names the page after the card once it is loaded', async () => {
    document.title = 'Model card · AI App Store'

    await mountPage()

    expect(document.title).toBe('ResNet-50 on ImageNet · AI App Store')
  })

  it('shows plain-text sections as text, never as HTML', async () => {
    const { page } = await mountPage(
      {
        [`GET ${CARD}`]: withEtag({ ...resnetCard, description: 'Bold? <b>no</b><img src=x>' }),
      },
      `${CARD}?tab=metadata`,
    )

    const section = page.get('[data-testid="card-section-description"] p')
    expect(section.text()).toBe('Bold? <b>no</b><img src=x>')
    expect(section.find('b').exists()).toBe(false)
    expect(section.find('img').exists()).toBe(false)
  })

  it('says when the card does not exist or is not visible', async () => {
    const { page } = await mountPage({
      [`GET ${CARD}`]: problem({ title: 'Not Found', status: 404, code: 'NO_CARD' }),
    })

    expect(page.find('[data-testid="card-not-found"]').exists()).toBe(true)
    expect(page.find('[data-testid="card-title"]').exists()).toBe(false)
  })

  it('asks signed-out visitors to sign in without calling the API', async () => {
    const { page, adapter } = await mountPage({}, CARD, false)

    expect(page.find('[data-testid="card-sign-in"]').exists()).toBe(true)
    expect(adapter.requests).toEqual([])
  })

  it('offers no owner actions without permissions', async () => {
    const { page } = await mountPage({
      [`GET ${CARD}`]: withEtag({ ...resnetCard, permissions: { edit: false, delete: false } }),
    })

    expect(page.find('[data-testid="card-menu"]').exists()).toBe(false)
  })

  it('deletes after a confirmation naming the card, with If-Match, and goes to the list', async () => {
    let ifMatch: unknown
    const { page, adapter, router } = await mountPage({
      [`DELETE ${CARD}`]: (config) => {
        ifMatch = config.headers.get('If-Match')
        return { status: 204 }
      },
    })

    await openMenuItem(page, 'card-delete')
    expect(byTestId('card-delete-dialog')!.textContent).toContain('Delete “ResNet-50 on ImageNet”?')
    expect(adapter.requests).not.toContain(`DELETE ${CARD}`)

    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(ifMatch).toBe('"3"')
    expect(router.currentRoute.value.path).toBe('/models')
  })

  it('shows that the card changed when a restore is refused with 412, and reloads it', async () => {
    let version = 3
    const { page } = await mountPage(
      {
        [`GET ${CARD}`]: () => withEtag({ ...resnetCard, version, title: `Version ${version}` }),
        [`GET ${CARD}/revisions`]: {
          status: 200,
          body: { items: [revision(3, ['title']), revision(1, ['title'])] },
        },
        [`POST ${CARD}/revisions/1/restore`]: problem({
          title: 'Precondition Failed',
          status: 412,
          code: 'STALE_CARD',
        }),
      },
      `${CARD}?tab=history`,
    )

    await page.get('[data-number="1"] [data-testid="revision-restore"]').trigger('click')
    await flushPromises()
    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(byTestId('card-stale')!.textContent).toContain('This card changed since you opened it')

    version = 4
    byTestId('card-stale-reload')!.click()
    await flushPromises()

    expect(byTestId('card-stale')).toBeNull()
    expect(page.get('[data-testid="card-title"]').text()).toBe('Version 4')
  })

  it('restores a revision with If-Match, then reloads the card and its history', async () => {
    let restored = false
    const { page, adapter } = await mountPage(
      {
        [`GET ${CARD}`]: () =>
          withEtag(restored ? { ...resnetCard, title: 'Original', version: 4 } : resnetCard),
        [`GET ${CARD}/revisions`]: () => ({
          status: 200,
          body: {
            items: restored
              ? [revision(4, ['title'], 1), revision(3, ['title']), revision(1, ['title'])]
              : [revision(3, ['title']), revision(1, ['title'])],
          },
        }),
        [`POST ${CARD}/revisions/1/restore`]: (config) => {
          expect(config.headers.get('If-Match')).toBe('"3"')
          restored = true
          return withEtag({ ...resnetCard, title: 'Original', version: 4 })
        },
      },
      `${CARD}?tab=history`,
    )

    await page.get('[data-number="1"] [data-testid="revision-restore"]').trigger('click')
    await flushPromises()
    expect(byTestId('card-restore-dialog')!.textContent).toContain('Restore revision 1?')
    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(adapter.requests.filter((r) => r === `GET ${CARD}`)).toHaveLength(2)
    expect(page.get('[data-testid="card-title"]').text()).toBe('Original')
    expect(allByTestId('revision-row')).toHaveLength(3)
    expect(page.get('[data-number="4"] [data-testid="revision-fields"]').text()).toContain(
      'Restored revision 1',
    )
  })
  it('has an Experiment tab in the query string when the card links an experiment', async () => {
    const { page, router, adapter } = await mountPage({
      'GET /experiments/clearml-main/4f2e': { status: 200, body: experiment },
    })
    expect(adapter.requests).not.toContain('GET /experiments/clearml-main/4f2e')

    await page.get('[data-testid="card-tab-experiment"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query.tab).toBe('experiment')
    expect(page.get('[data-testid="experiment-name"]').text()).toBe('resnet50 baseline')
  })

  it('has no Experiment tab without an experiment or a dataset', async () => {
    const { page } = await mountPage(
      { [`GET ${CARD}`]: withEtag({ ...resnetCard, experiment: null, dataset: null }) },
      `${CARD}?tab=experiment`,
    )

    expect(page.find('[data-testid="card-tab-experiment"]').exists()).toBe(false)
    expect(page.find('[data-testid="experiment-panel"]').exists()).toBe(false)
    expect(page.find('[data-testid="card-body"]').exists()).toBe(true)
  })
})
