import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { Quasar } from 'quasar'
import AboutPage from './AboutPage.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { aboutInfo, failedPlugin, startedPlugin } from '@/testing/aboutFixtures'
import { adminUser } from '@/testing/authFixtures'
import { useAuthStore } from '@/stores/auth'
import type { User } from '@/types/auth'

const originalAdapter = apiClient.defaults.adapter

async function mountAboutPage(routes: FakeRoutes, user: User | null = adminUser) {
  apiClient.defaults.adapter = fakeAdapter(routes)
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.user = user
  auth.accessToken = user ? 'token' : null
  const wrapper = mount(AboutPage, {
    global: {
      plugins: [Quasar, pinia],
      // QPage needs QLayout around it; its content is what is under test here.
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
  })
  await flushPromises()
  return wrapper
}

describe('AboutPage', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('shows the server version and plugin API version', async () => {
    const wrapper = await mountAboutPage({
      'GET /about': json(aboutInfo),
      'GET /plugins': json([startedPlugin]),
    })

    expect(wrapper.get('[data-testid="about-version"]').text()).toBe('0.1.0-SNAPSHOT')
    expect(wrapper.get('[data-testid="about-plugin-api-version"]').text()).toBe('1.0.0')
  })

  it('lists every plugin with its state, reason and extension points', async () => {
    const wrapper = await mountAboutPage({
      'GET /about': json(aboutInfo),
      'GET /plugins': json([startedPlugin, failedPlugin]),
    })

    const rows = wrapper.findAll('[data-testid="plugin-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('data-filesystem')
    expect(rows[0]!.get('[data-testid="plugin-state"]').text()).toBe('STARTED')
    expect(rows[0]!.get('[data-testid="plugin-state"]').classes()).toContain('bg-positive')
    expect(rows[0]!.text()).toContain('DatasetConnectorFactory')
    expect(rows[0]!.find('[data-testid="plugin-reason"]').exists()).toBe(false)
    expect(rows[1]!.text()).toContain('experiment-mlflow')
    expect(rows[1]!.get('[data-testid="plugin-state"]').classes()).toContain('bg-negative')
    expect(rows[1]!.get('[data-testid="plugin-reason"]').text()).toBe('Requires plugin API >=2.0.0')
    expect(wrapper.find('[data-testid="plugins-empty"]').exists()).toBe(false)
  })

  it('says no plugins are installed when the list is empty', async () => {
    const wrapper = await mountAboutPage({
      'GET /about': json(aboutInfo),
      'GET /plugins': json([]),
    })

    expect(wrapper.findAll('[data-testid="plugin-row"]')).toHaveLength(0)
    expect(wrapper.get('[data-testid="plugins-empty"]').text()).toContain('No plugins installed')
  })

  it('tells visitors who are no administrators that plugins are for administrators', async () => {
    const wrapper = await mountAboutPage({ 'GET /about': json(aboutInfo) }, null)

    expect(wrapper.get('[data-testid="about-version"]').text()).toBe('0.1.0-SNAPSHOT')
    expect(wrapper.get('[data-testid="plugins-admin-only"]').text()).toContain(
      'Sign in as an administrator to see installed plugins.',
    )
    expect(wrapper.findAll('[data-testid="plugin-row"]')).toHaveLength(0)
  })

  it('shows an error banner and loads again on Retry', async () => {
    let failing = true
    const wrapper = await mountAboutPage({
      'GET /about': () =>
        failing ? problem({ title: 'Server starting', status: 503 }) : json(aboutInfo),
      'GET /plugins': json([startedPlugin]),
    })
    expect(wrapper.get('[data-testid="about-error"]').text()).toContain('Server starting')

    failing = false
    await wrapper.get('[data-testid="about-retry"]').trigger('click')
    await flushPromises()

    expect(wrapper.find('[data-testid="about-error"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="plugin-row"]')).toHaveLength(1)
  })
})
