// Browser test of signing in through the external OIDC provider (Keycloak in the build): authorization
// code with PKCE, then the API accepts the provider's token. Needs E2E_OIDC_USERNAME / E2E_OIDC_PASSWORD.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, withPage } from './browser.mjs'

const USERNAME = process.env.E2E_OIDC_USERNAME
const PASSWORD = process.env.E2E_OIDC_PASSWORD
const SKIP = USERNAME && PASSWORD ? false : 'E2E_OIDC_USERNAME and E2E_OIDC_PASSWORD are not set'

let browser

before(async () => {
  if (!SKIP) {
    browser = await launchChromium(chromium)
  }
})

after(async () => {
  await browser?.close()
})

describe('Sign-in through the external provider', { skip: SKIP }, () => {
  it('signs in with the authorization code flow and comes back signed in', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/sign-in?redirect=${encodeURIComponent('/about')}`)
      await byTestId(page, 'sign-in-oidc').click()

      // The provider's own login page.
      await page.waitForURL((url) => !url.href.startsWith(BASE_URL))
      await page.locator('#username').fill(USERNAME)
      await page.locator('#password').fill(PASSWORD)
      await page.locator('#kc-login').click()

      await page.waitForURL((url) => url.href.startsWith(`${BASE_URL}/about`))
      await byTestId(page, 'user-menu').waitFor()
      assert.equal(
        await byTestId(page, 'nav-admin-users').count(),
        0,
        'a plain user sees no admin pages',
      )
    })
  })
})
