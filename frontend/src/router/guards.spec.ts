import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { authGuard, safeRedirect, type GuardSession } from './guards'

const Page = { template: '<div />' }

function session(state: { isAuthenticated: boolean; isAdmin: boolean }) {
  let initCalls = 0
  const value: GuardSession & { initCalls: () => number } = {
    ...state,
    init: async () => {
      initCalls++
    },
    initCalls: () => initCalls,
  }
  return value
}

function routerWith(guardSession: GuardSession): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Page },
      { path: '/sign-in', name: 'sign-in', component: Page, meta: { guestOnly: true } },
      { path: '/forbidden', name: 'forbidden', component: Page },
      { path: '/account/tokens', component: Page, meta: { requiresAuth: true } },
      { path: '/admin/users', component: Page, meta: { requiresAdmin: true } },
    ],
  })
  router.beforeEach((to) => authGuard(to, guardSession))
  return router
}

describe('authGuard', () => {
  it('lets anyone open public pages, after the session was initialised', async () => {
    const signedOut = session({ isAuthenticated: false, isAdmin: false })
    const router = routerWith(signedOut)

    await router.push('/')

    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(signedOut.initCalls()).toBe(1)
  })

  it('sends signed-out users to sign in with the full path to come back to', async () => {
    const router = routerWith(session({ isAuthenticated: false, isAdmin: false }))

    await router.push('/admin/users?role=admin&page=2')

    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/admin/users?role=admin&page=2')
  })

  it('lets signed-in users open their account pages', async () => {
    const router = routerWith(session({ isAuthenticated: true, isAdmin: false }))

    await router.push('/account/tokens')

    expect(router.currentRoute.value.fullPath).toBe('/account/tokens')
  })

  it('refuses admin pages to users who are no administrators', async () => {
    const router = routerWith(session({ isAuthenticated: true, isAdmin: false }))

    await router.push('/admin/users')

    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(router.currentRoute.value.query.from).toBe('/admin/users')
  })

  it('lets administrators open admin pages', async () => {
    const router = routerWith(session({ isAuthenticated: true, isAdmin: true }))

    await router.push('/admin/users')

    expect(router.currentRoute.value.fullPath).toBe('/admin/users')
  })

  it('sends signed-in users away from the sign-in page to where they wanted to go', async () => {
    const router = routerWith(session({ isAuthenticated: true, isAdmin: true }))

    await router.push('/sign-in?redirect=%2Fadmin%2Fusers')

    expect(router.currentRoute.value.fullPath).toBe('/admin/users')
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/admin/users?q=a', '/admin/users?q=a'],
    [['/about', '/x'], '/about'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    [undefined, '/'],
    [null, '/'],
  ])('accepts only paths of this app: %j → %s', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected)
  })
})
