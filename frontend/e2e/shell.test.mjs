// Browser tests of the SPA shell, run with `node --test e2e/` against a running server (BASE_URL).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const EXPECTED_PLUGIN = process.env.E2E_EXPECT_PLUGIN

let browser

before(async () => {
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
})

const bodyIsDark = (page) => page.evaluate(() => document.body.classList.contains('body--dark'))

describe('SPA shell', () => {
  it('renders the title and the navigation links', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/`)

      await byTestId(page, 'app-title').waitFor()
      assert.equal((await byTestId(page, 'app-title').textContent()).trim(), 'AI App Store')
      for (const [id, label] of [
        ['nav-home', 'Home'],
        ['nav-models', 'Models'],
        ['nav-about', 'About'],
      ]) {
        await byTestId(page, id).waitFor()
        assert.match(await byTestId(page, id).textContent(), new RegExp(label))
      }
    })
  })

  it('toggles dark mode and keeps it after a reload', async () => {
    await withPage(browser, async (page) => {
      await page.emulateMedia({ colorScheme: 'light' })
      await page.goto(`${BASE_URL}/`)
      const toggle = page.getByRole('button', { name: 'Toggle dark mode' })
      await toggle.waitFor()
      assert.equal(await bodyIsDark(page), false)

      await byTestId(page, 'dark-toggle').click()
      await page.waitForFunction(() => document.body.classList.contains('body--dark'))

      await page.reload()
      await byTestId(page, 'dark-toggle').waitFor()
      assert.equal(await bodyIsDark(page), true)

      await byTestId(page, 'dark-toggle').click()
      await page.waitForFunction(() => document.body.classList.contains('body--light'))
      await page.reload()
      await byTestId(page, 'dark-toggle').waitFor()
      assert.equal(await bodyIsDark(page), false)
    })
  })

  it('serves a deep link to a model page from the SPA', async () => {
    await withPage(browser, async (page) => {
      const response = await page.goto(`${BASE_URL}/models/alice/resnet`)

      assert.equal(response.status(), 200)
      await byTestId(page, 'model-owner').waitFor()
      assert.match(await byTestId(page, 'model-owner').textContent(), /alice/)
      assert.match(await byTestId(page, 'model-slug').textContent(), /resnet/)
      // Cards need a signed-in user: a signed-out visitor is asked to sign in and come back.
      await byTestId(page, 'card-sign-in').waitFor()
      await page.getByText('Sign in to see this model card').waitFor()
    })
  })

  it('shows the Not Found page for an unknown path', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/no/such/page`)

      await byTestId(page, 'not-found').waitFor()
      await page.getByText('Page not found').waitFor()
      await byTestId(page, 'not-found-home').click()
      await page.waitForURL(`${BASE_URL}/`)
    })
  })

  it('shows the server version but no plugins to signed-out visitors of the About page', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/about`)

      await byTestId(page, 'about-version').waitFor()
      await byTestId(page, 'plugins-admin-only').waitFor()
      assert.equal(await byTestId(page, 'plugin-row').count(), 0)
    })
  })

  it(
    'lists the installed plugins and the server version on the About page to an administrator',
    { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD },
    async () => {
      await withPage(browser, async (page) => {
        // Plugins are listed to administrators only.
        await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/about')

        await byTestId(page, 'about-version').waitFor()
        assert.notEqual((await byTestId(page, 'about-version').textContent()).trim(), '')
        await byTestId(page, 'plugin-row').first().waitFor()
        assert.ok((await byTestId(page, 'plugin-row').count()) >= 1)

        if (EXPECTED_PLUGIN) {
          const row = byTestId(page, 'plugin-row').filter({ hasText: EXPECTED_PLUGIN })
          await row.first().waitFor()
          assert.equal(
            (await byTestId(row.first(), 'plugin-state').textContent()).trim(),
            'STARTED',
          )
        }
      })
    },
  )
})
