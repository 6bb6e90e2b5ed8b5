import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar, Screen } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import IdentityUserMenu from './IdentityUserMenu.vue'
import { adminUser, piniaSignedIn } from '@/testing/authFixtures'

let wrapper: VueWrapper | undefined

async function mountMenu(signedIn: boolean) {
  const pinia = piniaSignedIn(signedIn ? adminUser : null)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: { template: '<div />' } },
      { path: '/:any(.*)', component: { template: '<div />' } },
    ],
  })
  await router.push('/models')
  wrapper = mount(IdentityUserMenu, { global: { plugins: [Quasar, pinia, router] } })
  await flushPromises()
  return wrapper
}

describe('IdentityUserMenu', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    Screen.setSizes({ sm: 600, md: 1024, lg: 1440, xl: 1920 })
  })

  it('offers to sign in, back to the current page, when signed out', async () => {
    const menu = await mountMenu(false)

    expect(menu.get('[data-testid="sign-in-link"]').attributes('href')).toBe(
      '/sign-in?redirect=/models',
    )
  })

  it("shows the user's name in the bar, but only its icon on a phone", async () => {
    const wide = await mountMenu(true)
    const button = wide.get('[data-testid="user-menu"]')
    expect(button.text()).toContain('Ada Admin')
    expect(button.attributes('aria-label')).toBe('Account menu of Ada Admin')
    wide.unmount()

    Screen.setSizes({ sm: 10_000, md: 20_000, lg: 30_000, xl: 40_000 })
    const narrow = await mountMenu(true)
    const icon = narrow.get('[data-testid="user-menu"]')
    expect(icon.text()).not.toContain('Ada Admin')
    expect(icon.attributes('aria-label')).toBe('Account menu of Ada Admin')
  })
})
