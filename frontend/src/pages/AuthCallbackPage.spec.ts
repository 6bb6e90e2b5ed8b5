import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import AuthCallbackPage from './AuthCallbackPage.vue'
import { OIDC_PENDING_KEY, type OidcPendingSignIn } from '@/api/oidc'

const pending: OidcPendingSignIn = {
  state: 'state-of-this-tab',
  codeVerifier: 'v'.repeat(43),
  redirectUri: 'http://localhost/auth/callback',
  returnTo: '/',
}

const FORGED = 'Your account is locked: call +1 555 0100 now'

async function openCallback(query: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/auth/callback', component: AuthCallbackPage },
      { path: '/:other(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push(`/auth/callback?${query}`)
  const page = mount(AuthCallbackPage, {
    global: {
      plugins: [Quasar, createPinia(), router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
  })
  await flushPromises()
  return page
}

const failure = (page: Awaited<ReturnType<typeof openCallback>>) =>
  page.get('[data-testid="auth-callback-error"]').text()

describe('AuthCallbackPage', () => {
  beforeEach(() => {
    sessionStorage.setItem(OIDC_PENDING_KEY, JSON.stringify(pending))
  })

  afterEach(() => {
    sessionStorage.clear()
  })

  it('ignores an error answer without the state of the pending sign-in, and keeps it', async () => {
    const description = encodeURIComponent(FORGED)
    const page = await openCallback(`error=access_denied&error_description=${description}`)

    expect(failure(page)).toBe('This sign-in link is not valid any more. Please sign in again.')
    expect(page.text()).not.toContain('call +1')
    expect(JSON.parse(sessionStorage.getItem(OIDC_PENDING_KEY) ?? 'null')).toEqual(pending)
  })

  it('ignores an error answer with another state', async () => {
    const page = await openCallback(`error=access_denied&state=forged`)

    expect(failure(page)).toBe('This sign-in link is not valid any more. Please sign in again.')
    expect(sessionStorage.getItem(OIDC_PENDING_KEY)).not.toBeNull()
  })

  it("says what the provider's error means, never its description", async () => {
    const description = encodeURIComponent(FORGED)
    const page = await openCallback(
      `error=access_denied&error_description=${description}&state=${pending.state}`,
    )

    expect(failure(page)).toBe('Access was denied: signing in was cancelled or not allowed.')
    expect(page.text()).not.toContain('call +1')
    expect(sessionStorage.getItem(OIDC_PENDING_KEY)).toBeNull()
  })

  it('says the same for every error code it does not know', async () => {
    const page = await openCallback(`error=constructor&state=${pending.state}`)

    expect(failure(page)).toBe('The provider could not sign you in.')
  })
})
