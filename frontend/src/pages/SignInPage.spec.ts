import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import SignInPage from './SignInPage.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { adminUser, session } from '@/testing/authFixtures'

const originalAdapter = apiClient.defaults.adapter
const Page = { template: '<div />' }
const builtInOnly = json({ builtInLogin: true, oidc: null })

async function mountSignIn(routes: FakeRoutes, path = '/sign-in?redirect=%2Fadmin%2Fusers') {
  apiClient.defaults.adapter = fakeAdapter({ 'GET /auth/config': builtInOnly, ...routes })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page },
      { path: '/sign-in', name: 'sign-in', component: SignInPage },
      { path: '/admin/users', component: Page },
    ],
  })
  await router.push(path)
  const wrapper = mount(SignInPage, {
    global: {
      plugins: [Quasar, createPinia(), router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
  })
  await flushPromises()
  return { wrapper, router }
}

async function submit(wrapper: Awaited<ReturnType<typeof mountSignIn>>['wrapper']) {
  await wrapper.get('[data-testid="sign-in-username"]').setValue('admin')
  await wrapper.get('[data-testid="sign-in-password"]').setValue('secret-password')
  await wrapper.get('[data-testid="sign-in-form"]').trigger('submit')
  await flushPromises()
}

describe('SignInPage', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('says "Invalid username or password." for wrong credentials', async () => {
    const { wrapper, router } = await mountSignIn({
      'POST /auth/login': problem({
        title: 'Unauthorized',
        status: 401,
        code: 'INVALID_CREDENTIALS',
        detail: 'Invalid username or password.',
      }),
    })

    await submit(wrapper)

    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toBe(
      'Invalid username or password.',
    )
    expect(router.currentRoute.value.path).toBe('/sign-in')
  })

  it('says how long to wait after too many attempts, from Retry-After', async () => {
    const { wrapper } = await mountSignIn({
      'POST /auth/login': {
        status: 429,
        body: { title: 'Too Many Requests', status: 429, code: 'TOO_MANY_ATTEMPTS' },
        headers: { 'content-type': 'application/problem+json', 'retry-after': '30' },
      },
    })

    await submit(wrapper)

    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toBe(
      'Too many attempts. Try again in 30 seconds.',
    )
  })

  it('shows field errors of a 422 next to the fields', async () => {
    const { wrapper } = await mountSignIn({
      'POST /auth/login': problem({
        title: 'Validation failed',
        status: 422,
        errors: [{ pointer: '/password', detail: 'must not be blank' }],
      }),
    })

    await submit(wrapper)

    expect(wrapper.text()).toContain('must not be blank')
  })

  it('goes to the redirect target after signing in', async () => {
    const { wrapper, router } = await mountSignIn({ 'POST /auth/login': json(session(adminUser)) })

    await submit(wrapper)

    expect(wrapper.find('[data-testid="sign-in-error"]').exists()).toBe(false)
    expect(router.currentRoute.value.fullPath).toBe('/admin/users')
  })

  it('ignores a redirect to another site', async () => {
    const { wrapper, router } = await mountSignIn(
      { 'POST /auth/login': json(session(adminUser)) },
      '/sign-in?redirect=https%3A%2F%2Fevil.example',
    )

    await submit(wrapper)

    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it('offers the external provider only when one is configured', async () => {
    const withoutProvider = await mountSignIn({})
    expect(withoutProvider.wrapper.find('[data-testid="sign-in-oidc"]').exists()).toBe(false)

    const withProvider = await mountSignIn({
      'GET /auth/config': json({
        builtInLogin: true,
        oidc: {
          issuer: 'https://id.example.org',
          clientId: 'store',
          authorizationEndpoint: 'https://id.example.org/authorize',
          tokenEndpoint: 'https://id.example.org/token',
          scope: 'openid',
        },
      }),
    })
    expect(withProvider.wrapper.find('[data-testid="sign-in-oidc"]').exists()).toBe(true)
  })
})
