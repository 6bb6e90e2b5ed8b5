// Browser test of model cards, run with `node --test e2e/` against a running server (BASE_URL) whose
// first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD. Creates a card through the wizard
// (an uploaded image and a Plotly chart in its overview), edits it, restores the first revision and
// deletes it; a card left behind by a failed run is deleted through the API.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, pickOption, withPage } from './browser.mjs'
import { nextStep, wizardReady } from './wizard.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const RUN = Date.now().toString(36)
const TITLE = `E2E card ${RUN}`
const EDITED_TITLE = `${TITLE} (edited)`
const FIGURE = {
  data: [{ type: 'bar', x: ['precision', 'recall', 'f1'], y: [0.91, 0.87, 0.89] }],
  layout: { title: { text: `E2E metrics ${RUN}` } },
}

let browser

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  if (ADMIN_PASSWORD) {
    await cleanUpThroughApi()
  }
})

/** CRC-32 of PNG chunks (ISO 3309), small enough to keep the test free of image libraries. */
function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
    }
  }
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A valid 4 × 4 PNG, opaque teal, made here so the browser can decode it (naturalWidth 4). */
function tinyPng(size = 4) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0, 128, 128]))])
  const pixels = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** Next through the steps after `from` up to the review. */
async function nextToReview(page, from) {
  const steps = ['basics', 'body', 'performance', 'links', 'demo', 'review']
  for (const step of steps.slice(steps.indexOf(from) + 1)) {
    await nextStep(page, step)
  }
}

/** Picks the first option of a Quasar select. */
async function revisionCount(page, count) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="revision-row"]').length === n,
    count,
  )
}

async function titleIs(page, title) {
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="card-title"]')?.textContent?.trim() === text,
    title,
  )
}

/** Safety net when the browser flow failed half-way: the card and the new-card draft go. */
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
    await fetch(`${BASE_URL}/api/v1/drafts/new`, { method: 'DELETE', headers })
    const list = await fetch(`${BASE_URL}/api/v1/models?owner=me&page=0&size=100`, { headers })
    const { items = [] } = list.ok ? await list.json() : {}
    for (const card of items.filter((item) => item.title.startsWith(TITLE))) {
      await fetch(`${BASE_URL}/api/v1/drafts/${card.id}`, { method: 'DELETE', headers })
      await fetch(
        `${BASE_URL}/api/v1/models/${encodeURIComponent(card.owner.username)}/${card.slug}`,
        { method: 'DELETE', headers },
      )
    }
  } catch (error) {
    console.error(`Could not clean up the cards of run ${RUN}:`, error)
  }
}

describe('Model cards', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  it('creates a card with an image and a chart, edits it, restores it and deletes it', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/models')

      // Create: basics
      await byTestId(page, 'models-new').click()
      await page.waitForURL(`${BASE_URL}/models/new`)
      await wizardReady(page)
      await byTestId(page, 'wizard-title').fill(TITLE)
      await pickOption(page, byTestId(page, 'wizard-task'), page.getByRole('option').first())
      const tags = byTestId(page, 'wizard-tags')
      await tags.fill('e2e')
      await tags.press('Enter')
      await tags.fill('Playwright')
      await tags.press('Enter')
      await byTestId(page, 'wizard-description').fill('A card made by the browser test.')

      // Overview: text, an uploaded image and a chart made in the JSON editor.
      await nextStep(page, 'body')
      const editorContent = byTestId(page, 'editor-content')
      await editorContent.click()
      await page.keyboard.type('Overview written by the browser test.')
      await byTestId(page, 'editor-image-file').setInputFiles({
        name: 'teal.png',
        mimeType: 'image/png',
        buffer: tinyPng(),
      })
      await editorContent.locator('img[src*="/api/v1/media/"]').waitFor()

      await byTestId(page, 'editor-insert-chart').click()
      await page.locator('[data-testid="chart-json-editor"][data-ready="true"]').waitFor()
      await byTestId(page, 'chart-json-editor').locator('.cm-content').click()
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.insertText(JSON.stringify(FIGURE, null, 2))
      await page.locator('[data-testid="chart-preview"][data-rendered="true"]').waitFor()
      assert.equal(await byTestId(page, 'chart-error').count(), 0)
      await byTestId(page, 'chart-caption').fill('Validation metrics')
      await byTestId(page, 'chart-save').click()
      await byTestId(page, 'chart-dialog').waitFor({ state: 'detached' })
      await editorContent.locator('[data-testid="editor-chart"][data-rendered="true"]').waitFor()

      // The remaining steps keep their defaults; the review sums up.
      await nextToReview(page, 'body')
      assert.equal((await byTestId(page, 'review-title').textContent()).trim(), TITLE)
      assert.equal((await byTestId(page, 'review-charts').textContent()).trim(), '1')
      await byTestId(page, 'wizard-publish').click()

      // The card page: chart drawn by Plotly, image loaded through its signed URL.
      await page.waitForURL((url) => /^\/models\/[^/]+\/[^/]+$/.test(url.pathname))
      const cardPath = new URL(page.url()).pathname
      await titleIs(page, TITLE)
      const body = byTestId(page, 'card-body')
      await body.locator('[data-testid="chart"][data-rendered="true"]').waitFor()
      assert.match(await body.locator('[data-testid="chart"]').textContent(), /Validation metrics/)
      await page.waitForFunction(() => {
        const image = document.querySelector('[data-testid="card-body"] img')
        return image !== null && image.complete && image.naturalWidth > 0
      })
      assert.match(await byTestId(page, 'card-labels').textContent(), /Playwright/)

      // Edit through the same wizard: a new title.
      await byTestId(page, 'card-menu').click()
      await byTestId(page, 'card-edit').click()
      await page.waitForURL(`${BASE_URL}${cardPath}/edit`)
      await wizardReady(page)
      assert.equal(await byTestId(page, 'wizard-title').inputValue(), TITLE)
      await byTestId(page, 'wizard-title').fill(EDITED_TITLE)
      await nextToReview(page, 'basics')
      await byTestId(page, 'wizard-publish').click()
      await page.waitForURL(`${BASE_URL}${cardPath}`)
      await titleIs(page, EDITED_TITLE)

      // History: creation and edit; restoring the creation writes a third revision.
      await byTestId(page, 'card-tab-history').click()
      await page.waitForURL((url) => url.searchParams.get('tab') === 'history')
      await revisionCount(page, 2)
      await page
        .locator('[data-testid="revision-row"][data-number="1"]')
        .locator('[data-testid="revision-restore"]')
        .click()
      await byTestId(page, 'card-restore-dialog').waitFor()
      await byTestId(page, 'confirm-ok').click()
      await revisionCount(page, 3)
      await titleIs(page, TITLE)
      assert.match(
        await page.locator('[data-testid="revision-row"][data-number="3"]').textContent(),
        /Restored revision 1/,
      )

      // Delete after a confirmation that names the card.
      await byTestId(page, 'card-menu').click()
      await byTestId(page, 'card-delete').click()
      const confirm = byTestId(page, 'card-delete-dialog')
      await confirm.waitFor()
      assert.match(await confirm.textContent(), new RegExp(TITLE.replace(/[()]/g, '\\$&')))
      await byTestId(page, 'confirm-ok').click()
      await page.waitForURL(`${BASE_URL}/models`)

      await page.goto(`${BASE_URL}${cardPath}`)
      await byTestId(page, 'card-not-found').waitFor()
    })
  })
})
