import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import HomePage from './HomePage.vue'
import { apiClient } from '@/api/client'
import { adminUser, piniaSignedIn, plainUser, session } from '@/testing/authFixtures'
import { useAuthStore } from '@/stores/auth'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { dashboard } from '@/testing/searchFixtures'

const originalAdapter = apiClient.defaults.adapter
const Page = { template: '<div />' }
let wrapper: VueWrapper | undefined

async function mountHome(routes: FakeRoutes, signedIn = true) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  const pinia = piniaSignedIn(signedIn ? adminUser : null)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page },
      { path: '/:any(.*)*', component: Page },
      { path: '/models/:owner/:slug', name: 'model', component: Page },
    ],
  })
  await router.push('/')
  wrapper = mount(HomePage, {
    global: {
      plugins: [Quasar, pinia, router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
  })
  await flushPromises()
  return { page: wrapper, adapter }
}

describe('HomePage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    apiClient.defaults.adapter = originalAdapter
  })

  it('shows recent cards, the own cards with their total and links per task', async () => {
    const { page } = await mountHome({ 'GET /search/dashboard': json(dashboard) })

    expect(
      page.findAll('[data-testid="dashboard-recent"] [data-testid="dashboard-card"]'),
    ).toHaveLength(2)
    expect(page.get('[data-testid="dashboard-mine-total"]').text()).toBe('7')
    const tasks = page.findAll('[data-testid="dashboard-task"]')
    expect(tasks.map((task) => task.attributes('href'))).toEqual([
      '/models?task=computer+vision',
      '/models?task=audio',
    ])
    expect(tasks[0]!.text()).toContain('Computer Vision')
    expect(tasks[0]!.text()).toContain('12')
  })

  it('says why the dashboard could not be loaded and retries', async () => {
    let fail = true
    const { page } = await mountHome({
      'GET /search/dashboard': () =>
        fail ? problem({ title: 'Service Unavailable', status: 503 }) : json(dashboard),
    })
    expect(page.get('[data-testid="dashboard-error"]').text()).toContain('Service Unavailable')

    fail = false
    await page.get('[data-testid="dashboard-retry"]').trigger('click')
    await flushPromises()

    expect(page.find('[data-testid="dashboard-error"]').exists()).toBe(false)
    expect(page.find('[data-testid="dashboard"]').exists()).toBe(true)
  })

  it('welcomes visitors without calling the API', async () => {
    const { page, adapter } = await mountHome({}, false)

    expect(page.text()).toContain('Welcome to the AI App Store')
    expect(page.get('[data-testid="dashboard-sign-in-button"]').attributes('href')).toBe('/sign-in')
    expect(adapter.requests).toEqual([])
  })

  it('loads the dashboard of another user who signs in, not keeping the previous one', async () => {
    const { page, adapter } = await mountHome({
      'GET /search/dashboard': json(dashboard),
      'POST /auth/login': json(session(plainUser)),
    })
    expect(adapter.requests.filter((r) => r === 'GET /search/dashboard')).toHaveLength(1)

    await useAuthStore().login('bob', 'pw')
    await flushPromises()

    expect(adapter.requests.filter((r) => r === 'GET /search/dashboard')).toHaveLength(2)
    expect(page.find('[data-testid="dashboard"]').exists()).toBe(true)
    expect(page.text()).toContain('Bob Builder')
  })
})
