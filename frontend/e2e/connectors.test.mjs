// Browser test of the Admin → Plugins console with a real S3 / MinIO, run with `node --test e2e/`
// against a running server (BASE_URL). Needs the first administrator (E2E_ADMIN_USERNAME /
// E2E_ADMIN_PASSWORD) and an S3 endpoint the server can reach (E2E_S3_ENDPOINT, E2E_S3_ACCESS_KEY,
// E2E_S3_SECRET_KEY). Leaves `filesystem` as the active data connector and deletes what it created.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import {
  BASE_URL,
  byTestId,
  launchChromium,
  pickOption,
  withPage as withBrowserPage,
} from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const S3 = {
  endpoint: process.env.E2E_S3_ENDPOINT,
  accessKey: process.env.E2E_S3_ACCESS_KEY,
  secretKey: process.env.E2E_S3_SECRET_KEY,
}
const MISSING_S3 = [
  ['E2E_S3_ENDPOINT', S3.endpoint],
  ['E2E_S3_ACCESS_KEY', S3.accessKey],
  ['E2E_S3_SECRET_KEY', S3.secretKey],
]
  .filter(([, value]) => !value)
  .map(([name]) => name)
const SKIP = !ADMIN_PASSWORD
  ? NO_ADMIN_PASSWORD
  : MISSING_S3.length > 0
    ? `${MISSING_S3.join(', ')} not set: set them to an S3 / MinIO endpoint and keys the server ` +
      'can reach to run the connector tests'
    : false
/** The data connector that must be active when the suite is done. */
const DEFAULT_STORAGE = 'filesystem'

const INSTANCE_ID = `s3-e2e-${Date.now()}`
const INSTANCE_NAME = `E2E MinIO ${INSTANCE_ID.slice('s3-e2e-'.length)}`

let browser

before(async () => {
  if (SKIP) {
    return
  }
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  if (!SKIP) {
    await cleanUpThroughApi()
  }
})

const withPage = (body) => withBrowserPage(browser, body)

/** The row of one instance (its id is also in the row's text, but may be part of another's). */
const connectorRow = (page, id) =>
  page.locator(`[data-testid="connector-row"][data-connector-id="${id}"]`)

/** Saves the open connector dialog and waits until it closed. */
async function saveDialog(page) {
  await byTestId(page, 'connector-save').click()
  await byTestId(page, 'connector-dialog').waitFor({ state: 'detached' })
}

/** Runs "Test connection" of a row and returns the text of its result. */
async function testConnection(page, id) {
  const row = connectorRow(page, id)
  await byTestId(row, 'connector-test').click()
  const result = byTestId(row, 'connector-test-result')
  await result.waitFor()
  return (await result.textContent()).trim()
}

async function openEdit(page, id) {
  await byTestId(connectorRow(page, id), 'connector-edit').click()
  await byTestId(page, 'connector-dialog').waitFor()
  assert.equal(await byTestId(page, 'connector-id').inputValue(), id)
  assert.equal(await byTestId(page, 'connector-id').isDisabled(), true)
}

async function activate(page, id, name) {
  await byTestId(connectorRow(page, id), 'connector-activate').click()
  const confirm = byTestId(page, 'connector-confirm')
  await confirm.waitFor()
  assert.match(
    await confirm.textContent(),
    new RegExp(`New media and bundles will be stored in ${name}`),
  )
  await byTestId(page, 'confirm-ok').click()
  await byTestId(connectorRow(page, id), 'connector-active-badge').waitFor()
}

/** Safety net when the browser flow failed half-way: default storage back, e2e instance gone. */
async function cleanUpThroughApi() {
  try {
    const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
    })
    if (!login.ok) {
      return
    }
    const { accessToken } = await login.json()
    const headers = { authorization: `Bearer ${accessToken}` }
    const list = await fetch(`${BASE_URL}/api/v1/admin/connectors`, { headers })
    const instances = list.ok ? await list.json() : []
    if (!instances.some((instance) => instance.id === INSTANCE_ID)) {
      return
    }
    const active = instances.find(
      (instance) => instance.kind === 'data-connector' && instance.active,
    )
    if (active?.id !== DEFAULT_STORAGE) {
      await fetch(`${BASE_URL}/api/v1/admin/connectors/${DEFAULT_STORAGE}/activate`, {
        method: 'POST',
        headers,
      })
    }
    await fetch(`${BASE_URL}/api/v1/admin/connectors/${INSTANCE_ID}`, { method: 'DELETE', headers })
  } catch (error) {
    console.error(`Could not clean up connector ${INSTANCE_ID}:`, error)
  }
}

describe('Admin → Plugins console', { skip: SKIP }, () => {
  it('lists the installed plugins', async () => {
    await withPage(async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/admin/plugins')

      await byTestId(page, 'plugins-tab').waitFor()
      await byTestId(page, 'plugin-row').first().waitFor()
      assert.ok((await byTestId(page, 'plugin-row').count()) >= 1)
      await byTestId(page, 'plugin-row').filter({ hasText: 'STARTED' }).first().waitFor()
    })
  })

  it('adds an S3 connector, tests it, activates it and restores the default storage', async () => {
    await withPage(async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/admin/plugins')
      await byTestId(page, 'connectors-tab').click()
      await page.waitForURL(/[?&]tab=connectors/)
      await connectorRow(page, DEFAULT_STORAGE).waitFor()

      // New connector: data connector → S3 → the generated form.
      await byTestId(page, 'new-connector').click()
      await byTestId(page, 'connector-dialog').waitFor()
      await pickOption(
        page,
        byTestId(page, 'connector-kind'),
        page.getByRole('option', { name: 'Data connector' }),
      )
      await pickOption(
        page,
        byTestId(page, 'connector-factory'),
        byTestId(page, 'factory-option-s3'),
      )
      await byTestId(page, 'connector-factory-info').waitFor()
      await byTestId(page, 'connector-id').fill(INSTANCE_ID)
      await byTestId(page, 'connector-name').fill(INSTANCE_NAME)
      await byTestId(page, 'config-field-endpoint').fill(S3.endpoint)
      await byTestId(page, 'config-field-bucket').fill('e2e')
      await byTestId(page, 'config-field-accessKey').fill(S3.accessKey)
      await byTestId(page, 'config-field-secretKey').fill(S3.secretKey)
      const createBucket = byTestId(page, 'config-field-createBucket')
      if ((await createBucket.getAttribute('aria-checked')) !== 'true') {
        await createBucket.click()
      }
      assert.equal(await createBucket.getAttribute('aria-checked'), 'true')
      await saveDialog(page)
      await connectorRow(page, INSTANCE_ID).waitFor()
      assert.match(await connectorRow(page, INSTANCE_ID).textContent(), new RegExp(INSTANCE_NAME))

      assert.match(await testConnection(page, INSTANCE_ID), /Connected/)

      // A wrong secret: the test fails clearly.
      await openEdit(page, INSTANCE_ID)
      assert.equal(await byTestId(page, 'config-field-secretKey').inputValue(), '********')
      await byTestId(page, 'config-field-secretKey').fill(`${S3.secretKey}-wrong`)
      await saveDialog(page)
      const failure = await testConnection(page, INSTANCE_ID)
      assert.doesNotMatch(failure, /Connected/)
      assert.match(failure, /Connection failed/)

      // The right secret again, then make it the active storage.
      await openEdit(page, INSTANCE_ID)
      await byTestId(page, 'config-field-secretKey').fill(S3.secretKey)
      await saveDialog(page)
      assert.match(await testConnection(page, INSTANCE_ID), /Connected/)
      await activate(page, INSTANCE_ID, INSTANCE_NAME)
      assert.equal(
        await byTestId(connectorRow(page, DEFAULT_STORAGE), 'connector-active-badge').count(),
        0,
      )

      // Clean up: the default storage active again, the e2e instance deleted.
      const defaultName = (
        await byTestId(connectorRow(page, DEFAULT_STORAGE), 'connector-name-text').textContent()
      ).trim()
      await activate(page, DEFAULT_STORAGE, defaultName)
      await byTestId(connectorRow(page, INSTANCE_ID), 'connector-delete').click()
      const confirm = byTestId(page, 'connector-confirm')
      await confirm.waitFor()
      assert.match(await confirm.textContent(), new RegExp(INSTANCE_NAME))
      await byTestId(page, 'confirm-ok').click()
      await connectorRow(page, INSTANCE_ID).waitFor({ state: 'detached' })
    })
  })
})
