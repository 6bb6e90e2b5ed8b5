// Browser tests of the SPA shell, run with `node --test e2e/` against a running server (BASE_URL).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

const BASE_URL = (process.env.BASE_URL || 'http://localhost:9080').replace(/\/$/, '')
const EXPECTED_PLUGIN = process.env.E2E_EXPECT_PLUGIN
const TIMEOUT_MS = 15_000

let browser

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
})

after(async () => {
  await browser?.close()
})

/** Runs `body` with a page in a fresh browser context (no storage shared between tests). */
async function withPage(body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.setDefaultTimeout(TIMEOUT_MS)
  const page = await context.newPage()
  try {
    await body(page)
  } finally {
    await context.close()
  }
}

const byTestId = (scope, id) => scope.locator(`[data-testid="${id}"]`)
const bodyIsDark = (page) => page.evaluate(() => document.body.classList.contains('body--dark'))

describe('SPA shell', () => {
  it('renders the title and the navigation links', async () => {
    await withPage(async (page) => {
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
    await withPage(async (page) => {
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
    await withPage(async (page) => {
      const response = await page.goto(`${BASE_URL}/models/alice/resnet`)

      assert.equal(response.status(), 200)
      await byTestId(page, 'model-owner').waitFor()
      assert.match(await byTestId(page, 'model-owner').textContent(), /alice/)
      assert.match(await byTestId(page, 'model-slug').textContent(), /resnet/)
      await page.getByText('Model cards arrive with the model-card feature').waitFor()
    })
  })

  it('shows the Not Found page for an unknown path', async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE_URL}/no/such/page`)

      await byTestId(page, 'not-found').waitFor()
      await page.getByText('Page not found').waitFor()
      await byTestId(page, 'not-found-home').click()
      await page.waitForURL(`${BASE_URL}/`)
    })
  })

  it('lists the installed plugins and the server version on the About page', async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE_URL}/about`)

      await byTestId(page, 'about-version').waitFor()
      assert.notEqual((await byTestId(page, 'about-version').textContent()).trim(), '')
      await byTestId(page, 'plugin-row').first().waitFor()
      assert.ok((await byTestId(page, 'plugin-row').count()) >= 1)

      if (EXPECTED_PLUGIN) {
        const row = byTestId(page, 'plugin-row').filter({ hasText: EXPECTED_PLUGIN })
        await row.first().waitFor()
        assert.equal((await byTestId(row.first(), 'plugin-state').textContent()).trim(), 'STARTED')
      }
    })
  })
})
