// Browser test of a session shared by several tabs, run with `node --test e2e/` against a running
// server (BASE_URL) whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const TABS = 3
const ROUTE = '/account/tokens'

let browser

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
})

/** Waits until every page has shown who is signed in, then checks that it is the user on ROUTE. */
async function assertSignedIn(pages, when) {
  const settled = '[data-testid="user-menu"], [data-testid="sign-in-link"]'
  await Promise.all(pages.map((page) => page.locator(settled).first().waitFor()))
  for (const [index, page] of pages.entries()) {
    const where = `tab ${index + 1} ${when}`
    assert.equal(new URL(page.url()).pathname, ROUTE, `${where}: sent to sign in`)
    assert.equal(await byTestId(page, 'user-menu').count(), 1, `${where}: signed out`)
  }
}

describe('Several tabs', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  it('stay signed in when they open and reload at the same moment', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD)
      const tabs = await Promise.all(Array.from({ length: TABS }, () => page.context().newPage()))

      // Every new tab resumes the session with the same refresh cookie at once: the server rotates
      // it and ends the session when a spent one comes back, so the tabs must take turns.
      await Promise.all(tabs.map((tab) => tab.goto(`${BASE_URL}${ROUTE}`)))
      await assertSignedIn(tabs, 'after opening')

      await Promise.all(tabs.map((tab) => tab.reload()))
      await assertSignedIn(tabs, 'after reloading')

      // The session itself is still on: a tab opened afterwards resumes it too.
      await page.goto(`${BASE_URL}${ROUTE}`)
      await assertSignedIn([page], 'opened afterwards')
    })
  })
})
