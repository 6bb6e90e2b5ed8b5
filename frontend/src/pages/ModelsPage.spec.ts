import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar, Screen } from 'quasar'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { InternalAxiosRequestConfig } from 'axios'
import ModelsPage from './ModelsPage.vue'
import { apiClient } from '@/api/client'
import { adminUser, piniaSignedIn } from '@/testing/authFixtures'
import { fakeAdapter, json, type FakeReply } from '@/testing/fakeAdapter'
import { noFacets, resnetHit, searchResult, whisperSummary } from '@/testing/searchFixtures'

const originalAdapter = apiClient.defaults.adapter
const Page = { template: '<div />' }
let wrapper: VueWrapper | undefined

async function mountPage(
  path: string,
  reply: (config: InternalAxiosRequestConfig) => FakeReply,
  signedIn = true,
) {
  const urls: string[] = []
  apiClient.defaults.adapter = fakeAdapter({
    'GET /search/models': (config) => {
      urls.push(apiClient.getUri(config).replace('/api/v1/search/models', ''))
      return reply(config)
    },
  })
  const pinia = piniaSignedIn(signedIn ? adminUser : null)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/models', name: 'models', component: ModelsPage },
      { path: '/models/new', component: Page },
      { path: '/models/:owner/:slug', name: 'model', component: Page },
    ],
  })
  await router.push(path)
  wrapper = mount(ModelsPage, {
    global: {
      plugins: [Quasar, pinia, router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { page: wrapper, router, urls }
}

describe('ModelsPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
  })

  it('searches what the query string says and shows results with safe highlights', async () => {
    const { page, urls } = await mountPage('/models?q=resnet&tags=ImageNet&page=2&view=list', () =>
      json(searchResult([resnetHit], { total: 21 })),
    )

    expect(urls).toEqual(['?page=1&size=20&q=resnet&tags=ImageNet'])
    expect(page.get('[data-testid="models-total"]').text()).toBe('21 models')
    expect(page.get('[data-testid="models-list"]').attributes('data-layout')).toBe('list')
    const link = page.get('[data-testid="model-link"]')
    expect(link.find('mark').text()).toBe('ResNet')
    const documents = page.get('[data-testid="model-snippet"][data-field="documents"]')
    expect(documents.find('img').exists()).toBe(false)
    expect(documents.text()).toContain('<img src=x onerror=alert(1)>')
    expect(page.get('[data-testid="model-description"]').text()).toBe(
      'Classifies images & more. <b>',
    )
    expect(page.findAll('[data-testid="models-filter-chip"]').map((c) => c.text())).toEqual([
      expect.stringContaining('“resnet”'),
      expect.stringContaining('ImageNet'),
    ])
  })

  it('shows facet counts and ticks a facet into the query string, back on page 1', async () => {
    const { page, router } = await mountPage('/models?page=3', () =>
      json(searchResult([resnetHit, { ...whisperSummary, score: null }], { total: 60 })),
    )

    const audio = page.get('[data-testid="facet-option"][data-facet="task"][data-value="audio"]')
    expect(audio.get('[data-testid="facet-count"]').text()).toBe('1')
    await audio.get('[data-testid="facet-checkbox"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/models?task=audio')
    expect(
      page.get('[data-testid="facet-option"][data-value="audio"]').attributes('data-selected'),
    ).toBe('true')
  })

  it('offers to create the first card when there are none at all', async () => {
    const { page } = await mountPage('/models', () =>
      json(searchResult([], { total: 0, facets: noFacets })),
    )

    expect(page.find('[data-testid="models-empty-first"]').text()).toContain(
      'Create the first model card',
    )
    expect(page.find('[data-testid="models-no-results"]').exists()).toBe(false)
  })

  it('offers to clear the filters when nothing matches, keeping the layout', async () => {
    const { page, router } = await mountPage('/models?q=nothing&owner=me&view=list', () =>
      json(searchResult([], { total: 0, facets: noFacets })),
    )

    await page.get('[data-testid="models-clear-filters"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/models?view=list')
  })

  it('does not search again when only the layout changes', async () => {
    const { router, urls } = await mountPage('/models', () => json(searchResult([resnetHit])))

    await router.push('/models?view=list')
    await flushPromises()

    expect(urls).toHaveLength(1)
  })

  it('asks signed-out visitors to sign in without calling the API', async () => {
    const { page, urls } = await mountPage('/models', () => json(searchResult([])), false)

    expect(page.find('[data-testid="models-empty"]').exists()).toBe(true)
    expect(urls).toEqual([])
  })
  it('folds the filters away on a narrow screen and says how many are active', async () => {
    Screen.setSizes({ md: 10_000, lg: 20_000, xl: 30_000 })
    try {
      const { page } = await mountPage('/models?tags=resnet&frameworks=PyTorch', () =>
        json(searchResult([resnetHit])),
      )

      const toggle = page.get('[data-testid="models-filters-toggle"]')
      expect(toggle.text()).toContain('2 active')
      expect(page.find('[data-testid="models-facets"]').isVisible()).toBe(false)
      await toggle.get('.q-item').trigger('click')
      await flushPromises()
      expect(page.get('[data-testid="models-facets"]').isVisible()).toBe(true)
    } finally {
      Screen.setSizes({ md: 1024, lg: 1440, xl: 1920 })
    }
  })
})
