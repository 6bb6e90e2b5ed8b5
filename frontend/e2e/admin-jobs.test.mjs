// Browser test of Admin → Exports and imports and the audit log, run with `node --test e2e/` against a
// running server (BASE_URL) whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD. Exports
// two cards, sees the progress reach 2 of 2, downloads the bundle, deletes one card, imports the bundle back,
// finds the card again and the deletion in the audit log, makes the second card private and hands it
// over to another user in Admin → Cards, then deletes the export.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const RUN = Date.now().toString(36)
const TITLE = `E2E bundle card ${RUN}`

let browser
let headers
let card
let other

async function api(path, init = {}) {
  return fetch(`${BASE_URL}/api/v1${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...headers, ...init.headers },
  })
}

const cardPath = () => `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  })
  assert.equal(login.status, 200)
  headers = { authorization: `Bearer ${(await login.json()).accessToken}` }
  const create = async (title) => {
    const created = await api('/models', {
      method: 'POST',
      body: JSON.stringify({
        title,
        task: 'Other',
        tags: ['bundle'],
        description: 'Exported and imported by the browser test.',
      }),
    })
    const text = await created.text()
    assert.equal(created.status, 201, text)
    return JSON.parse(text)
  }
  card = await create(TITLE)
  other = await create(`${TITLE} (second)`)
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  for (const each of [card, other].filter(Boolean)) {
    await api(`/models/${encodeURIComponent(each.owner.username)}/${each.slug}`, {
      method: 'DELETE',
    })
  }
})

/** The newest job row once it has ended in the given state. */
async function newestJobEnds(page, type, state) {
  const row = byTestId(page, 'job-row').first()
  await page.waitForFunction(
    ([expectedType, expectedState]) => {
      const first = document.querySelector('[data-testid="job-row"]')
      return (
        first?.textContent?.toLowerCase().includes(expectedType) &&
        first.getAttribute('data-state') === expectedState
      )
    },
    [type, state],
    { timeout: 60_000 },
  )
  return row
}

describe(
  'Admin → Exports and imports',
  { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD },
  () => {
    it('exports two cards, imports one back after deletion and shows it in the audit log', async () => {
      await withPage(browser, async (page) => {
        await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/admin/jobs')
        await byTestId(page, 'admin-jobs-page').waitFor()

        await byTestId(page, 'export-mode').getByText('Listed cards').click()
        await byTestId(page, 'export-ids').fill(`${card.id}\n${other.id}`)
        await byTestId(page, 'export-start').click()
        const exported = await newestJobEnds(page, 'export', 'succeeded')
        assert.match(
          await exported.locator('[data-testid="job-progress"]').textContent(),
          /2 of 2 cards/,
        )
        assert.equal(
          await exported.locator('[role="progressbar"]').getAttribute('aria-valuenow'),
          '1',
          'the progress bar is full',
        )
        await exported.locator('[data-testid="job-expand"]').click()
        await byTestId(page, 'job-items').getByText(TITLE, { exact: true }).waitFor()

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          exported.locator('[data-testid="job-download"]').click(),
        ])
        const bundle = await readFile(await download.path())
        assert.equal(bundle.subarray(0, 2).toString('latin1'), 'PK', 'the bundle is a zip')

        assert.equal((await api(cardPath(), { method: 'DELETE' })).status, 204)
        assert.equal((await api(cardPath())).status, 404)

        // Quasar puts the test id on the native input (or, in other versions, on its wrapper).
        await page
          .locator(
            'input[type="file"][data-testid="import-file"], [data-testid="import-file"] input[type="file"]',
          )
          .setInputFiles({ name: `bundle-${RUN}.zip`, mimeType: 'application/zip', buffer: bundle })
        await byTestId(page, 'import-start').click()
        await newestJobEnds(page, 'import', 'succeeded')
        const restored = await api(cardPath())
        assert.equal(restored.status, 200)
        assert.equal((await restored.json()).title, TITLE)

        await page.goto(`${BASE_URL}/admin/audit?action=card.&target=card%3D${card.id}`)
        await byTestId(page, 'audit-table')
          .locator('[data-testid="audit-row-action"]')
          .first()
          .waitFor()
        const actions = await byTestId(page, 'audit-row-action').allTextContents()
        assert.ok(actions.includes('card.deleted'), `audit actions: ${actions}`)
        assert.ok(actions.includes('card.created'), `audit actions: ${actions}`)

        // Admin → Cards: the second card made private from the table.
        await page.goto(`${BASE_URL}/admin/cards`)
        await byTestId(page, 'admin-cards-table')
          .locator('tr', { hasText: `${TITLE} (second)` })
          .locator('.q-checkbox')
          .click()
        await byTestId(page, 'admin-cards-private').click()
        await byTestId(page, 'confirm-ok').click()
        await page.waitForFunction(() =>
          document
            .querySelector('[data-testid="admin-cards-actions"]')
            ?.textContent?.includes('0 selected'),
        )
        const second = await api(
          `/models/${encodeURIComponent(other.owner.username)}/${other.slug}`,
        )
        assert.equal((await second.json()).visibility, 'private')

        // Admin → Cards: the second card handed over to another user, picked by name.
        const heir = `heir-${RUN}`
        const createdUser = await api('/admin/users', {
          method: 'POST',
          body: JSON.stringify({
            username: heir,
            displayName: `Heir ${RUN}`,
            password: `Correct-Horse-${RUN}-9!`,
            roles: ['user'],
          }),
        })
        assert.equal(createdUser.status, 201, await createdUser.text())
        await byTestId(page, 'admin-cards-table')
          .locator('tr', { hasText: `${TITLE} (second)` })
          .locator('.q-checkbox')
          .click()
        await byTestId(page, 'admin-cards-owner').click()
        // Quasar puts the test id on the select's input (or, in other versions, on its wrapper).
        await page
          .locator(
            'input[data-testid="admin-cards-owner-select"], [data-testid="admin-cards-owner-select"] input',
          )
          .fill(heir)
        await page.locator('.q-menu .q-item', { hasText: heir }).first().click()
        await byTestId(page, 'admin-cards-owner-summary').waitFor()
        await byTestId(page, 'confirm-ok').click()
        await page.waitForFunction(() =>
          document
            .querySelector('[data-testid="admin-cards-actions"]')
            ?.textContent?.includes('0 selected'),
        )
        const handedOver = await api(`/models/${encodeURIComponent(heir)}/${other.slug}`)
        assert.equal(handedOver.status, 200, 'the card is at its new owner')
        assert.equal((await handedOver.json()).id, other.id)

        await page.goto(`${BASE_URL}/admin/jobs`)
        const row = page.locator('[data-testid="job-row"]', { hasText: 'export' }).first()
        const exportId = await row.getAttribute('data-id')
        await row.locator('[data-testid="job-delete"]').click()
        await byTestId(page, 'job-delete-dialog').waitFor()
        await byTestId(page, 'confirm-ok').click()
        await page
          .locator(`[data-testid="job-row"][data-id="${exportId}"]`)
          .waitFor({ state: 'detached' })
      })
    })
  },
)
