import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import SearchQuickDialog from './SearchQuickDialog.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import { suggestions } from '@/testing/searchFixtures'

const originalAdapter = apiClient.defaults.adapter
const Page = { template: '<div />' }
let wrapper: VueWrapper | undefined

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const allByTestId = (id: string) =>
  Array.from(document.body.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`))

async function mountDialog() {
  const adapter = fakeAdapter({
    'GET /search/suggest': (config) =>
      json(config.params.q === 'zzz' ? { titles: [], tags: [] } : suggestions),
  })
  apiClient.defaults.adapter = adapter
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page },
      { path: '/models', component: Page },
      { path: '/models/:owner/:slug', name: 'model', component: Page },
    ],
  })
  await router.push('/')
  const open = ref(true)
  const Host = defineComponent(
    () => () =>
      h(SearchQuickDialog, {
        modelValue: open.value,
        'onUpdate:modelValue': (value: boolean) => (open.value = value),
      }),
  )
  wrapper = mount(Host, { global: { plugins: [Quasar, router] }, attachTo: document.body })
  await flushPromises()
  return { adapter, router, open }
}

async function type(text: string): Promise<void> {
  const input = byTestId('quick-search-input') as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
  await vi.advanceTimersByTimeAsync(200)
  await flushPromises()
}

async function press(key: string): Promise<void> {
  byTestId('quick-search-input')!.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
  )
  await flushPromises()
}

describe('SearchQuickDialog', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.useRealTimers()
  })

  it('is an ARIA combobox whose listbox holds titles and then tags', async () => {
    const { adapter } = await mountDialog()
    const input = byTestId('quick-search-input')!
    expect(input.getAttribute('role')).toBe('combobox')
    expect(input.getAttribute('aria-expanded')).toBe('false')

    await type('res')

    expect(adapter.requests).toEqual(['GET /search/suggest'])
    const options = allByTestId('quick-search-option')
    expect(options.map((option) => option.getAttribute('data-kind'))).toEqual([
      'title',
      'title',
      'tag',
    ])
    expect(options.every((option) => option.getAttribute('role') === 'option')).toBe(true)
    expect(byTestId('quick-search-listbox')!.getAttribute('role')).toBe('listbox')
    expect(input.getAttribute('aria-expanded')).toBe('true')
    expect(input.getAttribute('aria-controls')).toBe('quick-search-listbox')
  })

  it('moves with the arrows, marks the active option and opens it with Enter', async () => {
    const { router, open } = await mountDialog()
    await type('res')

    await press('ArrowDown')
    await press('ArrowDown')
    await press('ArrowUp')

    const input = byTestId('quick-search-input')!
    const options = allByTestId('quick-search-option')
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id)
    expect(options[0]!.getAttribute('aria-selected')).toBe('true')
    expect(options[1]!.getAttribute('aria-selected')).toBe('false')

    await press('Enter')

    expect(router.currentRoute.value.fullPath).toBe('/models/alice/resnet-50-imagenet')
    expect(open.value).toBe(false)
  })

  it('opens a tag as a filtered search', async () => {
    const { router } = await mountDialog()
    await type('ima')

    await press('ArrowUp')
    await press('Enter')

    expect(router.currentRoute.value.fullPath).toBe('/models?tags=imagenet')
  })

  it('searches the text on the model page when Enter has no option', async () => {
    const { router } = await mountDialog()
    await type('zzz')
    expect(byTestId('quick-search-none')).not.toBeNull()

    await press('Enter')

    expect(router.currentRoute.value.fullPath).toBe('/models?q=zzz')
  })

  it('closes with Escape without navigating', async () => {
    const { router, open } = await mountDialog()
    await type('res')

    await press('Escape')

    expect(open.value).toBe(false)
    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it('asks nothing for blank text', async () => {
    const { adapter } = await mountDialog()

    await type('   ')

    expect(adapter.requests).toEqual([])
    expect(allByTestId('quick-search-option')).toHaveLength(0)
  })
})
