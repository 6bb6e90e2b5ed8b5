// Browser tests of sign-in, the user menu and user administration, run with `node --test e2e/`
// against a running server (BASE_URL) whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn, signOut } from './session.mjs'

const NEW_USER_PASSWORD = 'Sturdy-Kestrel-2026'

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

const fill = (page, id, value) => byTestId(page, id).fill(value)

describe('Identity', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  const username = `e2e-${Date.now().toString(36)}`

  it('lets the first administrator create a user, who is no administrator', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD)

      // A reload keeps the session (silent refresh with the HttpOnly cookie).
      await page.reload()
      await byTestId(page, 'user-menu').waitFor()

      await byTestId(page, 'nav-admin-users').click()
      await page.waitForURL(`${BASE_URL}/admin/users`)
      await byTestId(page, 'users-table').waitFor()

      await byTestId(page, 'users-new').click()
      await byTestId(page, 'user-dialog').waitFor()
      await fill(page, 'user-dialog-username', username)
      await fill(page, 'user-dialog-display-name', `E2E ${username}`)
      await fill(page, 'user-dialog-password', NEW_USER_PASSWORD)
      await byTestId(page, 'user-dialog-submit').click()
      await byTestId(page, 'user-dialog').waitFor({ state: 'hidden' })

      // The search box is debounced and kept in the query string.
      await fill(page, 'users-search', username)
      await page.waitForURL((url) => url.searchParams.get('q') === username)
      // The new user is also on the unfiltered first page: wait for the filtered result itself.
      await page.waitForFunction((name) => {
        const rows = document.querySelectorAll('[data-testid="user-row"]')
        return rows.length === 1 && rows[0].getAttribute('data-username') === name
      }, username)
      const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`)
      assert.match(await byTestId(row, 'user-roles').textContent(), /user/)
      assert.doesNotMatch(await byTestId(row, 'user-roles').textContent(), /admin/)

      await signOut(page)
      assert.equal(await byTestId(page, 'nav-admin-users').count(), 0)

      await signIn(page, BASE_URL, username, NEW_USER_PASSWORD)
      assert.match(await byTestId(page, 'user-menu').textContent(), new RegExp(username))
      assert.equal(await byTestId(page, 'nav-admin-users').count(), 0)

      await page.goto(`${BASE_URL}/admin/users`)
      await byTestId(page, 'forbidden').waitFor()
      assert.equal(await byTestId(page, 'users-table').count(), 0)

      await signOut(page)
    })
  })

  it('sends signed-out visitors of an admin page to sign in, and back afterwards', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/admin/users?role=admin`)
      await page.waitForURL((url) => url.pathname === '/sign-in')
      assert.equal(new URL(page.url()).searchParams.get('redirect'), '/admin/users?role=admin')

      await byTestId(page, 'sign-in-username').fill(ADMIN_USERNAME)
      await byTestId(page, 'sign-in-password').fill(ADMIN_PASSWORD)
      await byTestId(page, 'sign-in-submit').click()

      await page.waitForURL(`${BASE_URL}/admin/users?role=admin`)
      await byTestId(page, 'user-row').first().waitFor()
    })
  })

  it('says so when the password is wrong', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/`)
      await byTestId(page, 'sign-in-link').click()
      await page.waitForURL((url) => url.pathname === '/sign-in')

      await fill(page, 'sign-in-username', ADMIN_USERNAME)
      await fill(page, 'sign-in-password', 'not-the-password')
      await byTestId(page, 'sign-in-password').press('Enter')

      await byTestId(page, 'sign-in-error').waitFor()
      assert.equal(
        (await byTestId(page, 'sign-in-error').textContent()).trim(),
        'Invalid username or password.',
      )
      assert.equal(await byTestId(page, 'user-menu').count(), 0)
    })
  })
})
